using System.Runtime.InteropServices;
using SkiaSharp;

namespace Puma.Data;

/// <summary>
/// Decodes PNG, JPEG, BMP, GIF (first frame), WebP and ICO files into <see cref="RgbImage"/>: one decode
/// path for training, gallery and query.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The format is sniffed from the content, never from the file extension (a PNG named .jpg decodes as PNG).</item>
/// <item>Pixels are decoded <b>unpremultiplied</b> into an explicit <see cref="SKColorType.Rgba8888"/> layout,
/// so the byte order never depends on the platform's colour type (reference case BR-27) and colours under
/// partial transparency are the stored ones (BR-29).</item>
/// <item>Grayscale becomes three equal channels; 16-bit channels are reduced to 8 bits by the codec (BR-28).</item>
/// <item>No colour-space conversion is applied (embedded ICC profiles are ignored, as in Pillow).</item>
/// <item>EXIF orientation is applied by default (<see cref="ImageDecodeOptions.ApplyExifOrientation"/>, BR-26).</item>
/// <item>Files above <see cref="ImageDecodeOptions.MaxFileBytes"/> and images declaring more than
/// <see cref="ImageDecodeOptions.MaxSourcePixels"/> (decompression bombs) are refused before any large allocation.</item>
/// <item>Images above <see cref="ImageDecodeOptions.MaxPixels"/> are downsampled or refused
/// (<see cref="ImageDecodeOptions.Oversize"/>): JPEG and WebP through the codec's scaled decode; formats
/// without it by averaging k×k blocks (PNG needs its full RGBA buffer for that, 4 bytes per pixel).</item>
/// </list>
/// Thread-safe: every call uses its own codec.
/// </remarks>
public static class ImageDecoder
{
    /// <summary>Decodes the image file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a decodable image, is truncated, is larger than
    /// <see cref="ImageDecodeOptions.MaxFileBytes"/>, declares more than <see cref="ImageDecodeOptions.MaxSourcePixels"/>,
    /// or is too large under <see cref="OversizeHandling.Throw"/>; the message names the file.</exception>
    /// <exception cref="ArgumentException">Contradictory options (<see cref="ImageDecodeOptions.MaxSourcePixels"/> below
    /// <see cref="ImageDecodeOptions.MaxPixels"/>).</exception>
    public static RgbImage Decode(string path, ImageDecodeOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= ImageDecodeOptions.Default;
        options.Validate();
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"Image file '{path}' does not exist.", path);
        }
        if (file.Length > options.MaxFileBytes)
        {
            throw new InvalidDataException(
                $"'{path}' is {file.Length:N0} bytes, above the limit of {options.MaxFileBytes:N0} (ImageDecodeOptions.MaxFileBytes).");
        }
        return Decode(File.ReadAllBytes(path), options, path);
    }

    /// <summary>Decodes an encoded image held in memory.</summary>
    /// <param name="encoded">The encoded file content.</param>
    /// <param name="options">Decode options; <see cref="ImageDecodeOptions.Default"/> when null.</param>
    /// <param name="sourceName">Name used in error messages (a file name, a URL…).</param>
    /// <exception cref="InvalidDataException">The bytes are not a decodable image (or too large under
    /// <see cref="OversizeHandling.Throw"/>).</exception>
    public static RgbImage Decode(byte[] encoded, ImageDecodeOptions? options = null, string sourceName = "<memory>")
    {
        ArgumentNullException.ThrowIfNull(encoded);
        options ??= ImageDecodeOptions.Default;
        options.Validate();
        if (encoded.Length == 0)
        {
            throw new InvalidDataException($"'{sourceName}' is empty (0 bytes): not an image.");
        }
        if (encoded.LongLength > options.MaxFileBytes)
        {
            throw new InvalidDataException(
                $"'{sourceName}' is {encoded.LongLength:N0} bytes, above the limit of {options.MaxFileBytes:N0} (ImageDecodeOptions.MaxFileBytes).");
        }
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException($"'{sourceName}' is not a decodable image ({encoded.Length} bytes; the content is not PNG, JPEG, BMP, GIF, WebP or ICO).");
        RgbImage stored = DecodeStored(codec, options, sourceName);
        return options.ApplyExifOrientation ? ImageOrientation.ToUpright(stored, codec.EncodedOrigin) : stored;
    }

    /// <summary>
    /// Converts an in-memory bitmap of any colour type and alpha type into RGB with the same alpha handling
    /// as <see cref="Decode(string, ImageDecodeOptions?)"/>. Premultiplied bitmaps are unpremultiplied first
    /// (their hidden colours under low alpha are already rounded; decode from the file when that matters).
    /// </summary>
    public static RgbImage FromBitmap(SKBitmap bitmap, AlphaHandling alpha = AlphaHandling.CompositeOnWhite)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        if (bitmap.Width < 1 || bitmap.Height < 1 || bitmap.ColorType == SKColorType.Unknown)
        {
            throw new ArgumentException($"The bitmap is empty ({bitmap.Width}x{bitmap.Height}, {bitmap.ColorType}).", nameof(bitmap));
        }
        var info = new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            using SKPixmap source = bitmap.PeekPixels()
                ?? throw new ArgumentException("The bitmap has no readable pixels.", nameof(bitmap));
            if (!source.ReadPixels(info, handle.AddrOfPinnedObject(), info.RowBytes, 0, 0))
            {
                throw new ArgumentException($"Cannot convert a {bitmap.ColorType}/{bitmap.AlphaType} bitmap to RGBA.", nameof(bitmap));
            }
        }
        finally
        {
            handle.Free();
        }
        var rgb = new byte[(long)info.Width * info.Height * 3];
        RgbaToRgb.Convert(rgba, rgb, info.Width * info.Height, alpha);
        return new RgbImage(info.Width, info.Height, rgb);
    }

    private static RgbImage DecodeStored(SKCodec codec, ImageDecodeOptions options, string sourceName)
    {
        int w = codec.Info.Width, h = codec.Info.Height;
        long pixels = (long)w * h;
        if (w < 1 || h < 1)
        {
            throw new InvalidDataException($"'{sourceName}' declares an empty image ({w}x{h}).");
        }
        if (pixels > options.MaxSourcePixels)
        {
            throw new InvalidDataException(
                $"'{sourceName}' declares {w}x{h} = {pixels:N0} pixels, above the limit of {options.MaxSourcePixels:N0} " +
                "(ImageDecodeOptions.MaxSourcePixels, the decompression-bomb guard).");
        }
        if (pixels <= options.MaxPixels)
        {
            return DecodeFull(codec, new SKSizeI(w, h), options.Alpha, sourceName);
        }
        if (options.Oversize == OversizeHandling.Throw)
        {
            throw new InvalidDataException(
                $"'{sourceName}' is {w}x{h} = {pixels:N0} pixels, above the limit of {options.MaxPixels:N0} (ImageDecodeOptions.MaxPixels).");
        }
        int factor = (int)Math.Ceiling(Math.Sqrt((double)pixels / options.MaxPixels));
        while ((long)CeilDiv(w, factor) * CeilDiv(h, factor) > options.MaxPixels)
        {
            factor++;
        }
        SKSizeI scaled = codec.GetScaledDimensions(1f / factor);
        if ((long)scaled.Width * scaled.Height <= options.MaxPixels && scaled.Width >= 1 && scaled.Height >= 1)
        {
            return DecodeFull(codec, scaled, options.Alpha, sourceName);
        }
        return DecodeBoxDownsampled(codec, factor, options.Alpha, sourceName);
    }

    private static RgbImage DecodeFull(SKCodec codec, SKSizeI size, AlphaHandling alpha, string sourceName)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize64];
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            SKCodecResult result = codec.GetPixels(info, handle.AddrOfPinnedObject());
            if (result != SKCodecResult.Success)
            {
                throw new InvalidDataException($"'{sourceName}' could not be decoded: {result}.");
            }
        }
        finally
        {
            handle.Free();
        }
        var rgb = new byte[(long)size.Width * size.Height * 3];
        RgbaToRgb.Convert(rgba, rgb, size.Width * size.Height, alpha);
        return new RgbImage(size.Width, size.Height, rgb);
    }

    /// <summary>
    /// Averages factor×factor blocks (after alpha handling). Formats with row-by-row decoding never hold the
    /// full image; the others (PNG in this SkiaSharp build) are decoded whole first, then averaged.
    /// </summary>
    private static RgbImage DecodeBoxDownsampled(SKCodec codec, int factor, AlphaHandling alpha, string sourceName)
    {
        int w = codec.Info.Width, h = codec.Info.Height;
        var fullInfo = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var downsampler = new BoxDownsampler(w, h, factor, alpha);
        if (codec.StartScanlineDecode(fullInfo) == SKCodecResult.Success && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown)
        {
            var row = new byte[fullInfo.RowBytes];
            var handle = GCHandle.Alloc(row, GCHandleType.Pinned);
            try
            {
                for (int y = 0; y < h; y++)
                {
                    if (codec.GetScanlines(handle.AddrOfPinnedObject(), 1, fullInfo.RowBytes) != 1)
                    {
                        throw new InvalidDataException($"'{sourceName}' could not be decoded: row {y} is missing.");
                    }
                    downsampler.AddRow(row);
                }
            }
            finally
            {
                handle.Free();
            }
            return downsampler.Result();
        }
        if (fullInfo.BytesSize64 > Array.MaxLength)
        {
            throw new InvalidDataException(
                $"'{sourceName}' is {w}x{h} pixels: too large to decode whole, and its format has no scaled or row-by-row decoding.");
        }
        var rgba = new byte[fullInfo.BytesSize64];
        var pin = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            SKCodecResult result = codec.GetPixels(fullInfo, pin.AddrOfPinnedObject());
            if (result != SKCodecResult.Success)
            {
                throw new InvalidDataException($"'{sourceName}' could not be decoded: {result}.");
            }
        }
        finally
        {
            pin.Free();
        }
        for (int y = 0; y < h; y++)
        {
            downsampler.AddRow(rgba.AsSpan((int)((long)y * fullInfo.RowBytes), fullInfo.RowBytes));
        }
        return downsampler.Result();
    }

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;
}
