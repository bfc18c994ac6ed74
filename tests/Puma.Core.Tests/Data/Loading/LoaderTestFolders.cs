using Puma.Core.Tests.Data;
using Puma.Data;

namespace Puma.Core.Tests.Data.Loading;

/// <summary>Small image folders on disk: every image is one solid colour that encodes its dataset, class and number.</summary>
internal static class LoaderTestFolders
{
    /// <summary>The red value of image <paramref name="image"/> of class <paramref name="label"/> in dataset <paramref name="dataset"/>.</summary>
    public static byte Red(int dataset, int label, int image) => (byte)((dataset * 100) + (label * 10) + image);

    /// <summary>
    /// Writes <c>root/d{dataset}/c{class}/{image}.png</c> (size×size solid colours: red encodes the sample, green 7 — or, with <paramref name="noise"/>, random green values
    /// after the first pixel — blue 200)
    /// and returns the combined dataset (sample order = dataset, class, image).
    /// </summary>
    public static UniversalDataset Create(string root, int datasets = 2, int classes = 3, int images = 4, int size = 8, bool noise = false)
    {
        var random = new Random(17);
        var folders = new List<ImageFolder>();
        for (int d = 0; d < datasets; d++)
        {
            for (int c = 0; c < classes; c++)
            {
                string folder = Path.Combine(root, $"d{d}", $"c{c}");
                Directory.CreateDirectory(folder);
                for (int i = 0; i < images; i++)
                {
                    var rgba = TestImages.Solid(size, size, Red(d, c, i), 7, 200);
                    if (noise)
                        for (int p = 4; p < rgba.Length; p += 4) rgba[p + 1] = (byte)random.Next(256);
                    File.WriteAllBytes(Path.Combine(folder, $"{i}.png"), TestImages.RgbaPng(size, size, rgba));
                }
            }
            folders.Add(ImageFolder.Load(Path.Combine(root, $"d{d}"), $"d{d}"));
        }
        return UniversalDataset.Combine(folders.ToArray());
    }
}
