namespace Puma.Data;

/// <summary>Options of <see cref="ImageDecoder"/>. The defaults are what a person sees: upright, on white.</summary>
public sealed record ImageDecodeOptions
{
    /// <summary>The default limit of <see cref="MaxPixels"/>: 64 megapixels.</summary>
    public const long DefaultMaxPixels = 64_000_000;

    /// <summary>The defaults: EXIF orientation applied, alpha composited on white, 64 MP limit with downsampling.</summary>
    public static ImageDecodeOptions Default { get; } = new();

    /// <summary>
    /// Apply the EXIF orientation tag (default true). False keeps the stored pixel layout, which is what
    /// Pillow's plain open and torchvision's ImageFolder do (reference case BR-26).
    /// </summary>
    public bool ApplyExifOrientation { get; init; } = true;

    /// <summary>How transparency is turned into RGB (default <see cref="AlphaHandling.CompositeOnWhite"/>).</summary>
    public AlphaHandling Alpha { get; init; } = AlphaHandling.CompositeOnWhite;

    /// <summary>Largest number of pixels decoded at full size (default <see cref="DefaultMaxPixels"/>).</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>What happens above <see cref="MaxPixels"/> (default <see cref="OversizeHandling.Downsample"/>).</summary>
    public OversizeHandling Oversize { get; init; } = OversizeHandling.Downsample;

    internal void Validate()
    {
        if (MaxPixels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPixels), MaxPixels, "MaxPixels must be at least 1.");
        }
        if (!Enum.IsDefined(Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Unknown alpha handling.");
        }
        if (!Enum.IsDefined(Oversize))
        {
            throw new ArgumentOutOfRangeException(nameof(Oversize), Oversize, "Unknown oversize handling.");
        }
    }
}
