using System.Globalization;

namespace Puma.Data.Benchmarks;

/// <summary>
/// DeepFashion In-shop Clothes Retrieval in its official layout: <c>Eval/list_eval_partition.txt</c> (line 1 the image
/// count, line 2 the header <c>image_name item_id evaluation_status</c>, then <c>img/…/x.jpg id_00000002 train|query|gallery</c>)
/// and the images under <c>Img/</c>. Classes are item ids sorted by their number: the training items for
/// <c>train</c>, and one class list over the union of the query and gallery items for both test sides.
/// </summary>
public static class InShopLoader
{
    /// <summary>The dataset name.</summary>
    public const string Name = "InShop";

    /// <summary>Reads the dataset in <paramref name="folder"/> (the folder holding <c>Eval/</c> and <c>Img/</c>).</summary>
    /// <inheritdoc cref="CubLoader.Load(string)"/>
    public static BenchmarkDataset Load(string folder)
    {
        folder = BenchmarkFiles.RequireFolder(Name, folder);
        string file = BenchmarkFiles.RequireFile(Name, folder, Path.Combine("Eval", "list_eval_partition.txt"));
        var rows = new List<(string Path, string Item, string Status)>();
        AnnotationLine? countLine = null;
        bool header = false;
        foreach (AnnotationLine line in BenchmarkFiles.Lines(file))
        {
            if (countLine is null)
            {
                line.Int(0, "image count");
                countLine = line;
                continue;
            }
            if (!header)
            {
                if (line.Fields[0] != "image_name")
                {
                    throw line.Malformed("expected the header 'image_name item_id evaluation_status'");
                }
                header = true;
                continue;
            }
            line.Require(3, "'image_name item_id evaluation_status'");
            string status = line.Fields[2];
            if (status is not (BenchmarkDataset.TrainSplit or BenchmarkDataset.QuerySplit or BenchmarkDataset.GallerySplit))
            {
                throw line.Malformed($"the evaluation status '{status}' is not train, query or gallery");
            }
            rows.Add((Path.Combine(folder, "Img", line.Fields[0]), line.Fields[1], status));
        }
        if (countLine is null || !header)
        {
            throw new InvalidDataException($"{file}: expected an image count line and a header line.");
        }
        int declared = countLine.Int(0, "image count");
        if (declared != rows.Count)
        {
            throw countLine.Malformed($"the file declares {declared} images but lists {rows.Count}");
        }
        BenchmarkFiles.RequireImages(Name, rows.Select(r => r.Path), file);

        string[] trainItems = SortItems(rows.Where(r => r.Status == BenchmarkDataset.TrainSplit).Select(r => r.Item));
        string[] testItems = SortItems(rows.Where(r => r.Status != BenchmarkDataset.TrainSplit).Select(r => r.Item));
        var trainIndex = Index(trainItems);
        var testIndex = Index(testItems);
        string? shared = trainItems.FirstOrDefault(testIndex.ContainsKey);
        if (shared is not null)
        {
            throw new InvalidDataException($"{Name}: the item '{shared}' is in both the train and the query/gallery partitions of {file}.");
        }
        ImageFolder Split(string status, string[] classes, Dictionary<string, int> index, bool allowEmpty) =>
            SplitBuilder.Build(Name, folder, classes,
                rows.Where(r => r.Status == status).Select(r => new SplitBuilder.Item(r.Path, index[r.Item])), 0, $"{file} ({status})", allowEmpty);
        return BenchmarkDataset.WithQueryGallery(Name, folder,
            Split(BenchmarkDataset.TrainSplit, trainItems, trainIndex, allowEmpty: false),
            Split(BenchmarkDataset.QuerySplit, testItems, testIndex, allowEmpty: true),
            Split(BenchmarkDataset.GallerySplit, testItems, testIndex, allowEmpty: true));
    }

    /// <summary>Distinct item ids ordered by the number after their last '_' (as PUMA does), then ordinally.</summary>
    private static string[] SortItems(IEnumerable<string> items) =>
        items.Distinct(StringComparer.Ordinal)
            .OrderBy(ItemNumber)
            .ThenBy(i => i, StringComparer.Ordinal)
            .ToArray();

    private static long ItemNumber(string item) =>
        long.TryParse(item[(item.LastIndexOf('_') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : long.MaxValue;

    private static Dictionary<string, int> Index(string[] items) =>
        items.Select((item, i) => (item, i)).ToDictionary(p => p.item, p => p.i, StringComparer.Ordinal);
}
