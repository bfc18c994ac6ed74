namespace Puma.Data.Benchmarks;

/// <summary>
/// One dataset of the PUMA benchmark read from its official distribution: class-disjoint training and test splits,
/// or (In-Shop) a training split plus the official query and gallery sets, which share one class list so that they
/// get the same global labels in a <see cref="UniversalDataset"/>.
/// </summary>
public sealed class BenchmarkDataset
{
    /// <summary>Split name of the training split.</summary>
    public const string TrainSplit = "train";

    /// <summary>Split name of a test split used as both queries and gallery.</summary>
    public const string TestSplit = "test";

    /// <summary>Split name of a separate query set.</summary>
    public const string QuerySplit = "query";

    /// <summary>Split name of a separate gallery set.</summary>
    public const string GallerySplit = "gallery";

    private BenchmarkDataset(string name, string folder, ImageFolder train, ImageFolder? test, ImageFolder? query, ImageFolder? gallery)
    {
        Name = name;
        Folder = folder;
        Train = train;
        Test = test;
        Query = query;
        Gallery = gallery;
        var splits = new List<BenchmarkSplit> { new(TrainSplit, train) };
        if (test is not null)
        {
            splits.Add(new BenchmarkSplit(TestSplit, test));
        }
        if (query is not null && gallery is not null)
        {
            splits.Add(new BenchmarkSplit(QuerySplit, query));
            splits.Add(new BenchmarkSplit(GallerySplit, gallery));
        }
        Splits = splits;
    }

    /// <summary>The dataset name (also the name of every split's <see cref="ImageFolder"/>).</summary>
    public string Name { get; }

    /// <summary>The dataset's folder.</summary>
    public string Folder { get; }

    /// <summary>The training classes.</summary>
    public ImageFolder Train { get; }

    /// <summary>The test classes, every image both a query and a gallery item; null when the dataset has separate query and gallery sets.</summary>
    public ImageFolder? Test { get; }

    /// <summary>The official query set (In-Shop), else null.</summary>
    public ImageFolder? Query { get; }

    /// <summary>The official gallery set (In-Shop), else null; same classes as <see cref="Query"/>.</summary>
    public ImageFolder? Gallery { get; }

    /// <summary>True when the dataset has separate query and gallery sets.</summary>
    public bool HasSeparateQueryGallery => Query is not null;

    /// <summary>The queries of the test protocol: <see cref="Query"/> or else <see cref="Test"/>.</summary>
    public ImageFolder TestQueries => Query ?? Test!;

    /// <summary>The gallery of the test protocol: <see cref="Gallery"/> or else <see cref="Test"/>.</summary>
    public ImageFolder TestGallery => Gallery ?? Test!;

    /// <summary>The splits in order: train, then test or query and gallery.</summary>
    public IReadOnlyList<BenchmarkSplit> Splits { get; }

    /// <summary>A dataset with class-disjoint training and test splits.</summary>
    internal static BenchmarkDataset WithTest(string name, string folder, ImageFolder train, ImageFolder test) =>
        new(name, folder, train, test, null, null);

    /// <summary>A dataset with a training split and separate query and gallery sets.</summary>
    internal static BenchmarkDataset WithQueryGallery(string name, string folder, ImageFolder train, ImageFolder query, ImageFolder gallery) =>
        new(name, folder, train, null, query, gallery);
}
