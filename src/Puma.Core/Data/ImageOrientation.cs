using SkiaSharp;

namespace Puma.Data;

/// <summary>Applies an EXIF orientation (<see cref="SKEncodedOrigin"/>) to an <see cref="RgbImage"/>, giving the upright image.</summary>
internal static class ImageOrientation
{
    /// <summary>Returns the upright image for pixels stored with the given EXIF origin (tags 1–8).</summary>
    public static RgbImage ToUpright(RgbImage stored, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return stored;
        }
        int w = stored.Width, h = stored.Height;
        bool swapsAxes = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
            or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        int outW = swapsAxes ? h : w, outH = swapsAxes ? w : h;
        var pixels = new byte[stored.Pixels.Length];
        for (int y = 0; y < outH; y++)
        {
            for (int x = 0; x < outW; x++)
            {
                (int sx, int sy) = SourceOf(origin, x, y, w, h);
                int src = (sy * w + sx) * 3, dst = (y * outW + x) * 3;
                pixels[dst] = stored.Pixels[src];
                pixels[dst + 1] = stored.Pixels[src + 1];
                pixels[dst + 2] = stored.Pixels[src + 2];
            }
        }
        return new RgbImage(outW, outH, pixels);
    }

    /// <summary>The stored pixel that lands on upright pixel (x, y); w and h are the stored size.</summary>
    private static (int X, int Y) SourceOf(SKEncodedOrigin origin, int x, int y, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => (w - 1 - x, y),               // 2: mirrored left-right
        SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),    // 3: rotated 180°
        SKEncodedOrigin.BottomLeft => (x, h - 1 - y),             // 4: mirrored top-bottom
        SKEncodedOrigin.LeftTop => (y, x),                        // 5: transposed
        SKEncodedOrigin.RightTop => (y, h - 1 - x),               // 6: needs 90° clockwise
        SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),    // 7: transversed
        SKEncodedOrigin.LeftBottom => (w - 1 - y, x),             // 8: needs 90° counter-clockwise
        _ => (x, y),
    };
}
