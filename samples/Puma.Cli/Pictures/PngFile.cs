using ScottPlot;

namespace Puma.Cli.Pictures;

/// <summary>Writes a plot as PNG through a temporary file and a rename (no half-written picture is ever left).</summary>
internal static class PngFile
{
    public static void Save(Plot plot, string path, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temporary = path + ".tmp.png";
        plot.SavePng(temporary, width, height);
        File.Move(temporary, path, overwrite: true);
    }
}
