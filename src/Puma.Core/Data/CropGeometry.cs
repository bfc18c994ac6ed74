namespace Puma.Data;

/// <summary>
/// The geometry of "resize the shorter side to R, then centre-crop C" exactly as torchvision computes it
/// (reference case BR-33 d): the long side is truncated, the crop offset is rounded half to even.
/// </summary>
public static class CropGeometry
{
    /// <summary>
    /// Size after resizing the shorter side to <paramref name="shorterSide"/>: the long side becomes
    /// ⌊shorterSide · long / short⌋ (e.g. 640×480 → 341×256, 333×500 → 256×384).
    /// </summary>
    public static (int Width, int Height) ShorterSideTo(int width, int height, int shorterSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shorterSide, 1);
        if (width <= height)
        {
            return (shorterSide, (int)((long)shorterSide * height / width));
        }
        return ((int)((long)shorterSide * width / height), shorterSide);
    }

    /// <summary>
    /// Offset of a centred crop of <paramref name="crop"/> within <paramref name="size"/>:
    /// round-half-to-even((size − crop) / 2), e.g. 343 → 224 gives 60 (floor division would give 59).
    /// </summary>
    public static int CenterCropOffset(int size, int crop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(crop, 1);
        if (crop > size)
        {
            throw new ArgumentOutOfRangeException(nameof(crop), crop, $"A crop of {crop} does not fit in {size} pixels.");
        }
        return (int)Math.Round((size - crop) / 2.0, MidpointRounding.ToEven);
    }
}
