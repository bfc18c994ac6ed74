namespace Puma.Data.Transforms;

/// <summary>
/// The evaluation transform: resize the shorter side to <see cref="ResizeTo"/> (antialiased bicubic), then cut the
/// centred <see cref="CropSize"/> square — torchvision's <c>Resize(r)</c> + <c>CenterCrop(c)</c> with its rounding
/// (<see cref="CropGeometry"/>; reference case BR-33 d). Deterministic.
/// </summary>
public sealed class ResizeCenterCrop : IImageTransform
{
    /// <summary>Creates the transform; <paramref name="cropSize"/> must not exceed <paramref name="resizeTo"/>.</summary>
    public ResizeCenterCrop(int resizeTo, int cropSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cropSize, 1);
        if (resizeTo < cropSize)
            throw new ArgumentOutOfRangeException(nameof(resizeTo), resizeTo, $"The shorter side ({resizeTo}) must be at least the crop ({cropSize}).");
        ResizeTo = resizeTo;
        CropSize = cropSize;
    }

    /// <summary>
    /// The usual pair for a crop of <paramref name="cropSize"/>: the shorter side ⌊cropSize / 0.875⌋ (timm's crop
    /// fraction 0.875; 224 → 256 as PUMA's evaluation).
    /// </summary>
    public static ResizeCenterCrop ForCrop(int cropSize) => new((int)Math.Floor(cropSize / 0.875), cropSize);

    /// <summary>Target of the shorter side.</summary>
    public int ResizeTo { get; }

    /// <summary>Side of the centred square.</summary>
    public int CropSize { get; }

    /// <summary>The resized size of a <paramref name="width"/>×<paramref name="height"/> image and where the crop sits in it.</summary>
    public (int ResizedWidth, int ResizedHeight, CropBox Crop) Geometry(int width, int height)
    {
        var (w, h) = CropGeometry.ShorterSideTo(width, height, ResizeTo);
        return (w, h, new CropBox(CropGeometry.CenterCropOffset(w, CropSize), CropGeometry.CenterCropOffset(h, CropSize), CropSize, CropSize));
    }

    /// <inheritdoc />
    public RgbImage Apply(RgbImage image, AugmentationRandom random) => ImageResizer.ResizeShorterSideAndCenterCrop(image, ResizeTo, CropSize);
}
