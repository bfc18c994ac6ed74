using Puma.Data;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>Renders a raster image file (PNG with or without alpha): cropped to its visible pixels and fitted on white.</summary>
internal static class PngSource
{
    /// <summary>The fitted square image of <paramref name="path"/>; null when it has no visible pixel.</summary>
    public static RgbImage? Render(string path)
    {
        var (width, height, rgba) = SquareImages.DecodeRgba(File.ReadAllBytes(path), path);
        return SquareImages.FitRgba(width, height, rgba);
    }
}
