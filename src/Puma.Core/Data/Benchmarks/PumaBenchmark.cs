namespace Puma.Data.Benchmarks;

/// <summary>
/// The eight datasets of the PUMA benchmark (Kim, Kim, Kwak, WACV 2025) under one root folder, laid out with the folder
/// names of the authors' code: <c>CUB_200_2011</c>, <c>cars196</c>, <c>Stanford_Online_Products</c>,
/// <c>Inshop_Clothes</c>, <c>nabirds</c>, <c>dogs</c>, <c>flowers</c>, <c>fgvc-aircraft-2013b</c>.
/// </summary>
public static class PumaBenchmark
{
    private static SplitExpectation Split(string split, int classes, int images) =>
        new(split, ExpectedCount.Exactly(classes), ExpectedCount.Exactly(images));

    /// <summary>
    /// The datasets, in the paper's order, with their expected split sizes. Counts are exact where the official files
    /// fix them; Stanford Dogs' image counts are only published rounded (10.6K / 9.9K) and are checked as the ranges
    /// that round to them.
    /// </summary>
    public static IReadOnlyList<BenchmarkEntry> Datasets { get; } =
    [
        new(CubLoader.Name, "CUB-200-2011", "CUB_200_2011", CubLoader.Load,
            [Split(BenchmarkDataset.TrainSplit, 100, 5_864), Split(BenchmarkDataset.TestSplit, 100, 5_924)]),
        new(Cars196Loader.Name, "Stanford Cars (Cars-196)", "cars196", Cars196Loader.Load,
            [Split(BenchmarkDataset.TrainSplit, 98, 8_054), Split(BenchmarkDataset.TestSplit, 98, 8_131)]),
        new(StanfordOnlineProductsLoader.Name, "Stanford Online Products", "Stanford_Online_Products", StanfordOnlineProductsLoader.Load,
            [Split(BenchmarkDataset.TrainSplit, 11_318, 59_551), Split(BenchmarkDataset.TestSplit, 11_316, 60_502)]),
        new(InShopLoader.Name, "DeepFashion In-shop Clothes Retrieval", "Inshop_Clothes", InShopLoader.Load,
            [Split(BenchmarkDataset.TrainSplit, 3_997, 25_882), Split(BenchmarkDataset.QuerySplit, 3_985, 14_218),
             Split(BenchmarkDataset.GallerySplit, 3_985, 12_612)]),
        new(NABirdsLoader.Name, "NABirds", "nabirds", NABirdsLoader.Load,
            [Split(BenchmarkDataset.TrainSplit, 278, 22_909), Split(BenchmarkDataset.TestSplit, 277, 25_653)]),
        new(StanfordDogsLoader.Name, "Stanford Dogs", "dogs", StanfordDogsLoader.Load,
            [new(BenchmarkDataset.TrainSplit, ExpectedCount.Exactly(60), new ExpectedCount(10_550, 10_649)),
             new(BenchmarkDataset.TestSplit, ExpectedCount.Exactly(60), new ExpectedCount(9_850, 9_949))]),
        new(Flowers102Loader.Name, "Oxford Flowers-102", "flowers", Flowers102Loader.Load,
            [Split(BenchmarkDataset.TrainSplit, 51, 3_493), Split(BenchmarkDataset.TestSplit, 51, 4_696)]),
        new(FgvcAircraftLoader.Name, "FGVC-Aircraft", "fgvc-aircraft-2013b", FgvcAircraftLoader.Load,
            [Split(BenchmarkDataset.TrainSplit, 50, 5_000), Split(BenchmarkDataset.TestSplit, 50, 5_000)]),
    ];

    /// <summary>Reads every dataset under <paramref name="root"/>, in the order of <see cref="Datasets"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">A dataset folder is missing.</exception>
    /// <exception cref="FileNotFoundException">An annotation file or image is missing.</exception>
    /// <exception cref="InvalidDataException">An annotation file is malformed.</exception>
    public static IReadOnlyList<BenchmarkDataset> LoadAll(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        return Datasets.Select(d => d.Load(Path.Combine(root, d.Folder))).ToArray();
    }

    /// <summary>The training splits merged into one label space.</summary>
    public static UniversalDataset Train(IReadOnlyList<BenchmarkDataset> datasets) =>
        UniversalDataset.Combine(datasets.Select(d => d.Train).ToArray());

    /// <summary>
    /// The test queries merged: each dataset's test split, or its query set. Built from the same datasets in the same
    /// order as <see cref="TestGallery"/>, it gets the same global labels.
    /// </summary>
    public static UniversalDataset TestQueries(IReadOnlyList<BenchmarkDataset> datasets) =>
        UniversalDataset.Combine(datasets.Select(d => d.TestQueries).ToArray());

    /// <summary>The test gallery merged: each dataset's test split, or its gallery set.</summary>
    public static UniversalDataset TestGallery(IReadOnlyList<BenchmarkDataset> datasets) =>
        UniversalDataset.Combine(datasets.Select(d => d.TestGallery).ToArray());

    /// <summary>Every test sample once, with its retrieval role (see <see cref="BenchmarkTestSet"/>).</summary>
    public static BenchmarkTestSet Test(IReadOnlyList<BenchmarkDataset> datasets) => BenchmarkTestSet.Create(datasets);
}
