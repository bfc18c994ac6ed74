namespace Puma.Data.Benchmarks;

/// <summary>
/// CUB-200-2011 (Caltech-UCSD Birds) in its official layout: <c>classes.txt</c> (<c>class_id name</c>, 1-based),
/// <c>images.txt</c> (<c>image_id relative/path.jpg</c>), <c>image_class_labels.txt</c> (<c>image_id class_id</c>) and
/// <c>images/</c>. PUMA's split: classes 1–100 train, 101–200 test (the first half of the sorted class ids).
/// </summary>
public static class CubLoader
{
    /// <summary>The dataset name.</summary>
    public const string Name = "CUB";

    /// <summary>Reads the dataset in <paramref name="folder"/> (the extracted <c>CUB_200_2011</c> folder).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">An annotation file or a listed image is missing (named in the message).</exception>
    /// <exception cref="InvalidDataException">A malformed line (file and line number in the message) or inconsistent ids.</exception>
    public static BenchmarkDataset Load(string folder)
    {
        folder = BenchmarkFiles.RequireFolder(Name, folder);
        string classesFile = BenchmarkFiles.RequireFile(Name, folder, "classes.txt");
        string imagesFile = BenchmarkFiles.RequireFile(Name, folder, "images.txt");
        string labelsFile = BenchmarkFiles.RequireFile(Name, folder, "image_class_labels.txt");

        var classIds = new List<(int Id, string Name)>();
        var classSeen = new HashSet<int>();
        foreach (AnnotationLine line in BenchmarkFiles.Lines(classesFile))
        {
            line.Require(2, "'class_id class_name'");
            int id = line.Int(0, "class id");
            if (!classSeen.Add(id))
            {
                throw line.Malformed($"the class id {id} is listed twice");
            }
            classIds.Add((id, line.Rest(1)));
        }
        classIds.Sort((a, b) => a.Id.CompareTo(b.Id));
        var classIndex = classIds.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i);

        var labels = new Dictionary<string, (int Class, AnnotationLine Line)>(StringComparer.Ordinal);
        foreach (AnnotationLine line in BenchmarkFiles.Lines(labelsFile))
        {
            line.Require(2, "'image_id class_id'");
            int classId = line.Int(1, "class id");
            if (!classIndex.TryGetValue(classId, out int index))
            {
                throw line.Malformed($"the class id {classId} is not in {classesFile}");
            }
            if (!labels.TryAdd(line.Fields[0], (index, line)))
            {
                throw line.Malformed($"the image id '{line.Fields[0]}' is listed twice");
            }
        }

        var items = new List<SplitBuilder.Item>();
        var imageIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (AnnotationLine line in BenchmarkFiles.Lines(imagesFile))
        {
            line.Require(2, "'image_id relative_path'");
            string id = line.Fields[0];
            if (!imageIds.Add(id))
            {
                throw line.Malformed($"the image id '{id}' is listed twice");
            }
            if (!labels.TryGetValue(id, out var label))
            {
                throw line.Malformed($"the image id '{id}' has no line in {labelsFile}");
            }
            items.Add(new SplitBuilder.Item(Path.Combine(folder, "images", line.Rest(1)), label.Class));
        }
        foreach (var (id, label) in labels)
        {
            if (!imageIds.Contains(id))
            {
                throw label.Line.Malformed($"the image id '{id}' is not in {imagesFile}");
            }
        }
        return SplitBuilder.FirstHalfTrains(Name, folder, classIds.Select(c => c.Name).ToArray(), items, imagesFile);
    }
}
