namespace Puma.Data;

/// <summary>Options of <see cref="ImageDecoder"/>. The defaults are what a person sees: upright, on white.</summary>
public sealed record ImageDecodeOptions
{
    /// <summary>The default limit of <see cref="MaxPixels"/>: 64 megapixels.</summary>
    public const long DefaultMaxPixels = 64_000_000;

    /// <summary>The default limit of <see cref="MaxSourcePixels"/>: 256 megapixels (1 GiB as RGBA).</summary>
    public const long DefaultMaxSourcePixels = 256_000_000;

    /// <summary>The default limit of <see cref="MaxFileBytes"/>: 1 GiB.</summary>
    public const long DefaultMaxFileBytes = 1L << 30;

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

    /// <summary>
    /// Largest image, in pixels, that is decoded at all (default <see cref="DefaultMaxSourcePixels"/>): the
    /// decompression-bomb guard. A file declaring more pixels is refused with an <see cref="InvalidDataException"/>
    /// before any pixel buffer is allocated, whatever <see cref="Oversize"/> says (a small file can declare a huge image,
    /// and downsampling some formats needs the whole image in memory first). Must be at least <see cref="MaxPixels"/>.
    /// </summary>
    public long MaxSourcePixels { get; init; } = DefaultMaxSourcePixels;

    /// <summary>
    /// Largest encoded file, in bytes, that is read (default <see cref="DefaultMaxFileBytes"/>). A larger file is refused
    /// with an <see cref="InvalidDataException"/> before it is read.
    /// </summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    internal void Validate()
    {
        if (MaxSourcePixels < MaxPixels)
        {
            throw new ArgumentException(
                $"MaxSourcePixels ({MaxSourcePixels:N0}) must be at least MaxPixels ({MaxPixels:N0}): images between the two would be " +
                "allowed to decode at full size yet refused as too large.", nameof(MaxSourcePixels));
        }
        if (MaxFileBytes < 1 || MaxFileBytes > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFileBytes), MaxFileBytes, $"MaxFileBytes must be in [1, {Array.MaxLength}].");
        }
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
