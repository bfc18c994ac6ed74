using Puma.Data;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// Renders a small greyscale image whose object is bright on black (MNIST, Fashion-MNIST) like the other sets: the
/// tones are inverted (dark object on white), the image is cropped to the object's box (pixels above 0), upscaled
/// with the benchmark's bicubic resizer (<see cref="ImageResizer"/>, Keys a = −0.5) so its longer side is
/// <see cref="SquareImages.Content"/> pixels, and centred on the white square.
/// </summary>
internal static class GreyscaleSource
{
    /// <summary>The fitted square image of <paramref name="pixels"/> (row-major, one byte per pixel); null when all black.</summary>
    public static RgbImage? Render(ReadOnlySpan<byte> pixels, int width, int height)
    {
        if (pixels.Length != width * height)
        {
            throw new ArgumentException($"{pixels.Length} pixels do not make a {width}×{height} image.", nameof(pixels));
        }
        int left = width, top = height, right = -1, bottom = -1;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (pixels[y * width + x] > 0)
                {
                    (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
                }
            }
        }
        if (right < 0)
        {
            return null;
        }
        int w = right - left + 1, h = bottom - top + 1;
        var rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                byte ink = (byte)(255 - pixels[(top + y) * width + left + x]);
                rgb[(y * w + x) * 3] = rgb[(y * w + x) * 3 + 1] = rgb[(y * w + x) * 3 + 2] = ink;
            }
        }
        // Scaled to the content size first, then padded: padding the 28 px source would round the margin to whole source pixels.
        int longSide = Math.Max(w, h);
        int scaledWidth = Math.Max(1, (int)Math.Round((double)w * SquareImages.Content / longSide));
        int scaledHeight = Math.Max(1, (int)Math.Round((double)h * SquareImages.Content / longSide));
        return SquareImages.FitRgb(ImageResizer.Resize(new RgbImage(w, h, rgb), scaledWidth, scaledHeight));
    }
}
