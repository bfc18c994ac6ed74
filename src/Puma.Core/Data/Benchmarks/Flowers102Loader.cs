using System.Globalization;
using Puma.Data.Mat;

namespace Puma.Data.Benchmarks;

/// <summary>
/// Oxford Flowers-102 in its official layout: <c>imagelabels.mat</c> (<c>labels</c>, 1×N, 1-based class of image i),
/// <c>setid.mat</c> (<c>trnid</c>, <c>valid</c>, <c>tstid</c>: 1-based image indices) and <c>jpg/image_00001.jpg</c>….
/// PUMA pools trn + val + tst and splits by class: 1–51 train, 52–102 test. Class names are the label numbers
/// (the official files hold no names).
/// </summary>
public static class Flowers102Loader
{
    /// <summary>The dataset name.</summary>
    public const string Name = "Flowers";

    /// <summary>Reads the dataset in <paramref name="folder"/>.</summary>
    /// <inheritdoc cref="CubLoader.Load(string)"/>
    public static BenchmarkDataset Load(string folder)
    {
        folder = BenchmarkFiles.RequireFolder(Name, folder);
        string labelsPath = BenchmarkFiles.RequireFile(Name, folder, "imagelabels.mat");
        string setsPath = BenchmarkFiles.RequireFile(Name, folder, "setid.mat");
        int[] labels = MatFields.Integers(MatFile.Read(labelsPath), "labels");
        var sets = MatFile.Read(setsPath);
        int[] labelIds = labels.Distinct().Order().ToArray();
        var index = labelIds.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var seen = new HashSet<int>();
        var items = new List<SplitBuilder.Item>(labels.Length);
        foreach (string set in new[] { "trnid", "valid", "tstid" })
        {
            foreach (int id in MatFields.Integers(sets, set))
            {
                if (id < 1 || id > labels.Length)
                {
                    throw new InvalidDataException($"'{setsPath}': {set} lists the image {id}, outside 1..{labels.Length} (the images of '{labelsPath}').");
                }
                if (!seen.Add(id))
                {
                    throw new InvalidDataException($"'{setsPath}': the image {id} is listed twice ({set}).");
                }
                string path = Path.Combine(folder, "jpg", $"image_{id.ToString("D5", CultureInfo.InvariantCulture)}.jpg");
                items.Add(new SplitBuilder.Item(path, index[labels[id - 1]]));
            }
        }
        string[] classes = labelIds.Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray();
        return SplitBuilder.FirstHalfTrains(Name, folder, classes, items, $"{setsPath} (trnid + valid + tstid)");
    }
}
