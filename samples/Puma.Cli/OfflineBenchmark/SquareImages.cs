using Puma.Data;
using SkiaSharp;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>Helpers that bring rendered sources to a square RGB image on white and write PNG files.</summary>
internal static class SquareImages
{
    /// <summary>Side of every benchmark image.</summary>
    public const int Size = 112;

    /// <summary>Longest side of the object inside the square: the rest is a white margin.</summary>
    public const int Content = 100;

    /// <summary>
    /// Crops straight-alpha RGBA pixels to their alpha bounding box, composites them on white, centres them on a
    /// white square with a margin and resizes to <see cref="Size"/>. Null when no pixel is visible.
    /// </summary>
    public static RgbImage? FitRgba(int width, int height, byte[] rgba)
    {
        if (AlphaBounds(width, height, rgba) is not { } box)
        {
            return null;
        }
        var rgb = new byte[box.Width * box.Height * 3];
        for (int y = 0; y < box.Height; y++)
        {
            for (int x = 0; x < box.Width; x++)
            {
                int s = ((box.Top + y) * width + box.Left + x) * 4, d = (y * box.Width + x) * 3;
                int a = rgba[s + 3];
                for (int c = 0; c < 3; c++)
                {
                    rgb[d + c] = (byte)((rgba[s + c] * a + 255 * (255 - a) + 127) / 255);
                }
            }
        }
        return FitRgb(new RgbImage(box.Width, box.Height, rgb));
    }

    /// <summary>Centres an already cropped image on a white square with a margin and resizes it to <see cref="Size"/>.</summary>
    public static RgbImage FitRgb(RgbImage image)
    {
        int longSide = Math.Max(image.Width, image.Height);
        int side = Math.Max(longSide, (int)Math.Ceiling(longSide * (double)Size / Content));
        var square = RgbImage.Filled(side, side, 255, 255, 255);
        int left = (side - image.Width) / 2, top = (side - image.Height) / 2;
        for (int y = 0; y < image.Height; y++)
        {
            Array.Copy(image.Pixels, y * image.Width * 3, square.Pixels, ((top + y) * side + left) * 3, image.Width * 3);
        }
        return side == Size ? square : ImageResizer.ResizeSquare(square, Size);
    }

    /// <summary>Writes <paramref name="image"/> as a PNG: to a temporary file, then renamed.</summary>
    public static void WritePng(RgbImage image, string path)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var rgba = new byte[image.Width * image.Height * 4];
        for (int i = 0, j = 0; i < image.Pixels.Length; i += 3, j += 4)
        {
            (rgba[j], rgba[j + 1], rgba[j + 2], rgba[j + 3]) = (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2], 255);
        }
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException($"PNG encoding failed for '{path}'.");
        string temp = path + ".tmp";
        using (var file = File.Create(temp))
        {
            data.SaveTo(file);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Decodes straight-alpha RGBA pixels of an encoded image (for alpha bounding boxes).</summary>
    public static (int Width, int Height, byte[] Rgba) DecodeRgba(byte[] encoded, string sourceName)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException($"'{sourceName}' is not a decodable image.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(rgba, System.Runtime.InteropServices.GCHandleType.Pinned);
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
        return (info.Width, info.Height, rgba);
    }

    /// <summary>Reads the pixels of a bitmap as straight-alpha RGBA.</summary>
    public static (int Width, int Height, byte[] Rgba) ReadUnpremulRgba(SKBitmap bitmap)
    {
        var info = new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(rgba, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            using SKPixmap pixmap = bitmap.PeekPixels();
            if (!pixmap.ReadPixels(info, handle.AddrOfPinnedObject(), info.RowBytes, 0, 0))
            {
                throw new InvalidOperationException($"Cannot read a {bitmap.ColorType}/{bitmap.AlphaType} bitmap as RGBA.");
            }
        }
        finally
        {
            handle.Free();
        }
        return (info.Width, info.Height, rgba);
    }

    /// <summary>Bounding box of the pixels whose alpha exceeds <paramref name="threshold"/>; null when there is none.</summary>
    public static (int Left, int Top, int Width, int Height)? AlphaBounds(int width, int height, byte[] rgba, int threshold = 8)
    {
        int minX = width, minY = height, maxX = -1, maxY = -1;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (rgba[(y * width + x) * 4 + 3] > threshold)
                {
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : (minX, minY, maxX - minX + 1, maxY - minY + 1);
    }
}
