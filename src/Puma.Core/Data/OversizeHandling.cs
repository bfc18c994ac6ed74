namespace Puma.Data;

/// <summary>What <see cref="ImageDecoder"/> does with an image above <see cref="ImageDecodeOptions.MaxPixels"/>.</summary>
public enum OversizeHandling
{
    /// <summary>
    /// Decode a smaller version, shrunk by the smallest integer factor k that fits the limit: the codec's own
    /// scaled decode when it has one (JPEG, WebP), otherwise an average over k×k blocks (read row by row where
    /// the codec allows it; PNG is first decoded whole, which needs 4 bytes per pixel of the original).
    /// </summary>
    Downsample,

    /// <summary>Refuse the image with an <see cref="InvalidDataException"/> naming the file and its size.</summary>
    Throw,
}
