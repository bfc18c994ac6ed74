using Puma.Data;
using SkiaSharp;

namespace Puma.Testing;

/// <summary>
/// Tiny synthetic image datasets on disk (PNG): each class is a stripe pattern (horizontal, vertical, checkerboard,
/// diagonal, …) drawn in two random colours with a random period and phase, so colour is a nuisance and the pattern is
/// the class.
/// </summary>
internal static class SyntheticImages
{

    /// <summary>Writes <c>root/name/pattern{c}/{i}.png</c> and loads it as an <see cref="ImageFolder"/>.</summary>
    public static ImageFolder WriteFolder(string root, string name, int classes, int imagesPerClass, int seed, int size = 32, int firstPattern = 0)
    {
        var random = new Random(seed);
        for (int c = 0; c < classes; c++)
        {
            string folder = Path.Combine(root, name, $"pattern{c}");
            Directory.CreateDirectory(folder);
            for (int i = 0; i < imagesPerClass; i++) WritePng(Path.Combine(folder, $"{i:D2}.png"), firstPattern + c, size, random);
        }
        return ImageFolder.Load(Path.Combine(root, name), name);
    }

    /// <summary>Writes one pattern image.</summary>
    public static void WritePng(string path, int pattern, int size, Random random)
    {
        var on = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        var off = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        int period = random.Next(6, 11), phase = random.Next(period);
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int t = (pattern % 6) switch
                {
                    0 => y,
                    1 => x,
                    2 => (x / (period / 2 + 1)) + (y / (period / 2 + 1)),
                    3 => x + y,
                    4 => x + size - y,
                    _ => (x / (period / 2 + 1) * 3) + y,
                };
                bool lit = pattern % 6 == 2 ? t % 2 == 0 : ((t + phase) % period) < period / 2;
                bitmap.SetPixel(x, y, lit ? on : off);
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
