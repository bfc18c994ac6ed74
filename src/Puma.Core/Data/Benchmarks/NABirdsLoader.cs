using System.Globalization;

namespace Puma.Data.Benchmarks;

/// <summary>
/// NABirds (Cornell Lab of Ornithology) in its official layout: <c>images.txt</c> (<c>image_uuid relative/path.jpg</c>),
/// <c>image_class_labels.txt</c> (<c>image_uuid class_id</c>), <c>classes.txt</c> (<c>class_id name</c> for every node of
/// the taxonomy, 0-based and not contiguous) and <c>images/</c>. The classes are the 555 ids that label images, sorted
/// numerically; PUMA trains on the first 278 and tests on the other 277 (the cut ignores the hierarchy).
/// </summary>
public static class NABirdsLoader
{
    /// <summary>The dataset name.</summary>
    public const string Name = "NABirds";

    /// <summary>Reads the dataset in <paramref name="folder"/> (the extracted <c>nabirds</c> folder).</summary>
    /// <inheritdoc cref="CubLoader.Load(string)"/>
    public static BenchmarkDataset Load(string folder)
    {
        folder = BenchmarkFiles.RequireFolder(Name, folder);
        string imagesFile = BenchmarkFiles.RequireFile(Name, folder, "images.txt");
        string labelsFile = BenchmarkFiles.RequireFile(Name, folder, "image_class_labels.txt");
        string classesFile = BenchmarkFiles.RequireFile(Name, folder, "classes.txt");

        var names = new Dictionary<int, string>();
        foreach (AnnotationLine line in BenchmarkFiles.Lines(classesFile))
        {
            line.Require(2, "'class_id class_name'");
            int id = line.Int(0, "class id");
            if (!names.TryAdd(id, line.Rest(1)))
            {
                throw line.Malformed($"the class id {id} is listed twice");
            }
        }
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (AnnotationLine line in BenchmarkFiles.Lines(labelsFile))
        {
            line.Require(2, "'image_id class_id'");
            int classId = line.Int(1, "class id");
            if (!names.ContainsKey(classId))
            {
                throw line.Malformed($"the class id {classId} is not in {classesFile}");
            }
            if (!labels.TryAdd(line.Fields[0], classId))
            {
                throw line.Malformed($"the image id '{line.Fields[0]}' is listed twice");
            }
        }
        int[] used = labels.Values.Distinct().Order().ToArray();
        var classIndex = used.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);

        var items = new List<SplitBuilder.Item>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (AnnotationLine line in BenchmarkFiles.Lines(imagesFile))
        {
            line.Require(2, "'image_id relative_path'");
            string id = line.Fields[0];
            if (!seen.Add(id))
            {
                throw line.Malformed($"the image id '{id}' is listed twice");
            }
            if (!labels.TryGetValue(id, out int classId))
            {
                throw line.Malformed($"the image id '{id}' has no line in {labelsFile}");
            }
            items.Add(new SplitBuilder.Item(Path.Combine(folder, "images", line.Rest(1)), classIndex[classId]));
        }
        if (seen.Count != labels.Count)
        {
            string orphan = labels.Keys.First(k => !seen.Contains(k));
            throw new InvalidDataException($"{Name}: the image id '{orphan}' of {labelsFile} is not in {imagesFile}.");
        }
        string[] classes = used.Select(id => $"{id.ToString(CultureInfo.InvariantCulture)} {names[id]}").ToArray();
        return SplitBuilder.FirstHalfTrains(Name, folder, classes, items, imagesFile);
    }
}
