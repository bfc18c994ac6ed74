namespace Puma.Data.Benchmarks;

/// <summary>Turns annotated images into <see cref="ImageFolder"/> splits, checking that the images exist.</summary>
internal static class SplitBuilder
{
    /// <summary>One annotated image: its full path and the index of its class in the dataset's sorted class list.</summary>
    public readonly record struct Item(string Path, int Class);

    /// <summary>
    /// The PUMA split of a same-source dataset: the first ⌈C/2⌉ of the sorted classes train, the rest test (CUB 100/100,
    /// Cars 98/98, NABirds 278/277, Dogs 60/60, Flowers 51/51, Aircraft 50/50).
    /// </summary>
    /// <param name="dataset">Dataset name.</param>
    /// <param name="folder">Dataset folder.</param>
    /// <param name="classes">All classes in PUMA's order.</param>
    /// <param name="items">Every image; <see cref="Item.Class"/> indexes <paramref name="classes"/>.</param>
    /// <param name="listedIn">The annotation file(s) the images come from, for messages.</param>
    public static BenchmarkDataset FirstHalfTrains(string dataset, string folder, IReadOnlyList<string> classes, IReadOnlyList<Item> items, string listedIn)
    {
        BenchmarkFiles.RequireImages(dataset, items.Select(i => i.Path), listedIn);
        int trainClasses = (classes.Count + 1) / 2;
        if (classes.Count < 2)
        {
            throw new InvalidDataException($"{dataset}: {listedIn} has {classes.Count} class; a class-disjoint split needs at least 2.");
        }
        var train = Build(dataset, folder, classes.Take(trainClasses).ToArray(), items.Where(i => i.Class < trainClasses), 0, listedIn, allowEmpty: false);
        var test = Build(dataset, folder, classes.Skip(trainClasses).ToArray(), items.Where(i => i.Class >= trainClasses), trainClasses, listedIn, allowEmpty: false);
        return BenchmarkDataset.WithTest(dataset, folder, train, test);
    }

    /// <summary>One split: labels are <see cref="Item.Class"/> − <paramref name="firstClass"/>.</summary>
    /// <param name="dataset">Dataset name.</param>
    /// <param name="folder">Dataset folder.</param>
    /// <param name="classes">The split's classes.</param>
    /// <param name="items">The split's images.</param>
    /// <param name="firstClass">Dataset-wide index of the split's first class.</param>
    /// <param name="listedIn">The annotation file(s), for messages.</param>
    /// <param name="allowEmpty">Whether a class may have no image in this split (query / gallery sides).</param>
    public static ImageFolder Build(string dataset, string folder, IReadOnlyList<string> classes, IEnumerable<Item> items, int firstClass, string listedIn,
        bool allowEmpty)
    {
        var counts = new int[classes.Count];
        var samples = new List<ImageFolderSample>();
        foreach (Item item in items)
        {
            int label = item.Class - firstClass;
            counts[label]++;
            samples.Add(new ImageFolderSample(item.Path, label));
        }
        if (!allowEmpty)
        {
            int empty = Array.IndexOf(counts, 0);
            if (empty >= 0)
            {
                throw new InvalidDataException($"{dataset}: the class '{classes[empty]}' has no image in {listedIn}.");
            }
        }
        if (samples.Count == 0)
        {
            throw new InvalidDataException($"{dataset}: {listedIn} lists no image for this split.");
        }
        return ImageFolder.FromList(dataset, folder, classes, samples);
    }
}
