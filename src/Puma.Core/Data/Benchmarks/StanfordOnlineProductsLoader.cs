using System.Globalization;

namespace Puma.Data.Benchmarks;

/// <summary>
/// Stanford Online Products in its official layout: <c>Ebay_train.txt</c> and <c>Ebay_test.txt</c>, each a header line
/// <c>image_id class_id super_class_id path</c> then one line per image (ids 1-based, paths relative to the folder).
/// The official split is class-disjoint (11,318 training products, 11,316 test products); class names are the
/// class ids.
/// </summary>
public static class StanfordOnlineProductsLoader
{
    /// <summary>The dataset name.</summary>
    public const string Name = "SOP";

    /// <summary>Reads the dataset in <paramref name="folder"/> (the extracted <c>Stanford_Online_Products</c> folder).</summary>
    /// <inheritdoc cref="CubLoader.Load(string)"/>
    public static BenchmarkDataset Load(string folder)
    {
        folder = BenchmarkFiles.RequireFolder(Name, folder);
        string trainFile = BenchmarkFiles.RequireFile(Name, folder, "Ebay_train.txt");
        string testFile = BenchmarkFiles.RequireFile(Name, folder, "Ebay_test.txt");
        var train = ReadSplit(folder, trainFile, out var trainClasses);
        var test = ReadSplit(folder, testFile, out var testClasses);
        int shared = trainClasses.Keys.FirstOrDefault(testClasses.ContainsKey, -1);
        if (shared >= 0)
        {
            throw new InvalidDataException($"{Name}: the class id {shared} is in both {trainFile} and {testFile}; the split must be class-disjoint.");
        }
        return BenchmarkDataset.WithTest(Name, folder, train, test);
    }

    private static ImageFolder ReadSplit(string folder, string file, out SortedDictionary<int, int> classIndex)
    {
        var rows = new List<(int ClassId, string Path)>();
        var ids = new HashSet<int>();
        foreach (AnnotationLine line in BenchmarkFiles.Lines(file))
        {
            if (rows.Count == 0 && ids.Count == 0 && line.Fields[0] == "image_id")
            {
                continue;
            }
            line.Require(4, "'image_id class_id super_class_id path'");
            int imageId = line.Int(0, "image id");
            int classId = line.Int(1, "class id");
            line.Int(2, "super class id");
            if (!ids.Add(imageId))
            {
                throw line.Malformed($"the image id {imageId} is listed twice");
            }
            rows.Add((classId, Path.Combine(folder, line.Rest(3))));
        }
        classIndex = new SortedDictionary<int, int>();
        foreach (var row in rows)
        {
            classIndex.TryAdd(row.ClassId, 0);
        }
        int next = 0;
        foreach (int id in classIndex.Keys.ToArray())
        {
            classIndex[id] = next++;
        }
        BenchmarkFiles.RequireImages(Name, rows.Select(r => r.Path), file);
        var index = classIndex;
        string[] classes = index.Keys.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToArray();
        return SplitBuilder.Build(Name, folder, classes, rows.Select(r => new SplitBuilder.Item(r.Path, index[r.ClassId])), 0, file, allowEmpty: false);
    }
}
