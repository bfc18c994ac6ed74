using Puma.Data;
using SkiaSharp;
using Svg;
using Svg.Skia;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// Renders SVG in-process with Svg.Skia: the picture is drawn once small to find the visible ink, then the ink
/// region alone is drawn at twice the target resolution, cropped to its alpha bounding box and fitted on white.
/// </summary>
internal static class SvgRaster
{
    private const int CoarseSide = 768;
    private const int FineSide = 2 * SquareImages.Content;

    /// <summary>Renders an SVG file (plain or gzip-compressed) as a fitted square image; null when nothing is visible.</summary>
    public static RgbImage? RenderFile(string path) => Render(Open(path));

    /// <summary>Renders SVG markup as a fitted square image; null when nothing is visible.</summary>
    public static RgbImage? RenderText(string svg) => Render(SvgDocument.FromSvg<SvgDocument>(svg));

    /// <summary>Parses an SVG file; <c>.svgz</c> files are decompressed first.</summary>
    public static SvgDocument Open(string path)
    {
        if (!path.EndsWith(".svgz", StringComparison.OrdinalIgnoreCase))
        {
            return SvgDocument.Open<SvgDocument>(path);
        }
        using var file = File.OpenRead(path);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        return SvgDocument.Open<SvgDocument>(gzip);
    }

    /// <summary>Renders a parsed document as a fitted square image; null when nothing is visible.</summary>
    public static RgbImage? Render(SvgDocument document)
    {
        using var svg = SKSvg.CreateFromSvgDocument(document);
        return svg.Picture is { } picture ? Render(picture) : null;
    }

    /// <summary>Renders <paramref name="picture"/> (within its cull rectangle) as a fitted square image.</summary>
    public static RgbImage? Render(SKPicture picture)
    {
        SKRect all = picture.CullRect;
        if (all.Width <= 0 || all.Height <= 0)
        {
            return null;
        }
        float coarse = CoarseSide / Math.Max(all.Width, all.Height);
        var (w, h, rgba) = Draw(picture, all, coarse);
        if (SquareImages.AlphaBounds(w, h, rgba, threshold: 0) is not { } box)
        {
            return null;
        }
        // One coarse pixel of slack on each side, back in picture units.
        var ink = new SKRect(
            all.Left + (box.Left - 1) / coarse, all.Top + (box.Top - 1) / coarse,
            all.Left + (box.Left + box.Width + 1) / coarse, all.Top + (box.Top + box.Height + 1) / coarse);
        float fine = FineSide / Math.Max(ink.Width, ink.Height);
        var (fw, fh, fineRgba) = Draw(picture, ink, fine);
        return SquareImages.FitRgba(fw, fh, fineRgba);
    }

    private static (int Width, int Height, byte[] Rgba) Draw(SKPicture picture, SKRect region, float scale)
    {
        int w = Math.Max(1, (int)Math.Ceiling(region.Width * scale)), h = Math.Max(1, (int)Math.Ceiling(region.Height * scale));
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.Scale(scale);
            canvas.Translate(-region.Left, -region.Top);
            canvas.DrawPicture(picture);
        }
        return SquareImages.ReadUnpremulRgba(bitmap);
    }
}
