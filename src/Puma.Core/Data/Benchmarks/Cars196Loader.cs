using Puma.Data.Mat;

namespace Puma.Data.Benchmarks;

/// <summary>
/// Stanford Cars (Cars-196). The layout PUMA reads: <c>cars_annos.mat</c> (struct array <c>annotations</c> with fields
/// <c>relative_im_path</c> such as <c>car_ims/000001.jpg</c> and <c>class</c>, 1-based; cell array <c>class_names</c>)
/// and <c>car_ims/</c>. The devkit layout is read as well when <c>cars_annos.mat</c> is absent:
/// <c>devkit/cars_meta.mat</c> (<c>class_names</c>), <c>devkit/cars_train_annos.mat</c> and
/// <c>cars_test_annos_withlabels.mat</c> (in the folder or <c>devkit/</c>; struct <c>annotations</c> with <c>fname</c> and
/// <c>class</c>), images in <c>cars_train/</c> and <c>cars_test/</c>. PUMA's split: classes 1–98 train, 99–196 test.
/// </summary>
public static class Cars196Loader
{
    /// <summary>The dataset name.</summary>
    public const string Name = "Cars";

    /// <summary>Reads the dataset in <paramref name="folder"/>.</summary>
    /// <inheritdoc cref="CubLoader.Load(string)"/>
    public static BenchmarkDataset Load(string folder)
    {
        folder = BenchmarkFiles.RequireFolder(Name, folder);
        string annos = Path.Combine(folder, "cars_annos.mat");
        if (File.Exists(annos))
        {
            return LoadAnnos(folder, annos);
        }
        if (File.Exists(Path.Combine(folder, "devkit", "cars_train_annos.mat")))
        {
            return LoadDevkit(folder);
        }
        throw new FileNotFoundException(
            $"{Name}: the file '{annos}' is missing (nor is there a devkit layout with devkit/cars_train_annos.mat).", annos);
    }

    private static BenchmarkDataset LoadAnnos(string folder, string path)
    {
        var file = MatFile.Read(path);
        var annotations = MatFields.Struct(file, "annotations", "relative_im_path", "class");
        var rows = new List<(string Path, int ClassId)>(annotations.Count);
        for (int i = 0; i < annotations.Count; i++)
        {
            string relative = MatFields.Text(file, annotations, i, "relative_im_path");
            rows.Add((Path.Combine(folder, relative), MatFields.Integer(file, annotations, i, "class")));
        }
        return Build(folder, ClassNames(file, rows), rows, path);
    }

    private static BenchmarkDataset LoadDevkit(string folder)
    {
        string devkit = Path.Combine(folder, "devkit");
        string meta = BenchmarkFiles.RequireFile(Name, devkit, "cars_meta.mat");
        string trainAnnos = Path.Combine(devkit, "cars_train_annos.mat");
        string testAnnos = BenchmarkFiles.FirstExisting(folder, "cars_test_annos_withlabels.mat", Path.Combine("devkit", "cars_test_annos_withlabels.mat"))
            ?? throw new FileNotFoundException(
                $"{Name}: the test labels 'cars_test_annos_withlabels.mat' are missing (looked in '{folder}' and '{devkit}').",
                Path.Combine(folder, "cars_test_annos_withlabels.mat"));
        var rows = new List<(string Path, int ClassId)>();
        foreach (var (annosPath, images) in new[] { (trainAnnos, "cars_train"), (testAnnos, "cars_test") })
        {
            var file = MatFile.Read(annosPath);
            var annotations = MatFields.Struct(file, "annotations", "fname", "class");
            for (int i = 0; i < annotations.Count; i++)
            {
                rows.Add((Path.Combine(folder, images, MatFields.Text(file, annotations, i, "fname")), MatFields.Integer(file, annotations, i, "class")));
            }
        }
        return Build(folder, ClassNames(MatFile.Read(meta), rows), rows, $"{trainAnnos} + {testAnnos}");
    }

    private static IReadOnlyList<string> ClassNames(MatFile file, List<(string Path, int ClassId)> rows) =>
        file.Variables.ContainsKey("class_names")
            ? file.Strings("class_names")
            : Enumerable.Range(1, rows.Count == 0 ? 0 : rows.Max(r => r.ClassId)).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static BenchmarkDataset Build(string folder, IReadOnlyList<string> classes, List<(string Path, int ClassId)> rows, string listedIn)
    {
        var items = new List<SplitBuilder.Item>(rows.Count);
        foreach (var (path, classId) in rows)
        {
            if (classId < 1 || classId > classes.Count)
            {
                throw new InvalidDataException($"{Name}: '{path}' has the class {classId}, outside 1..{classes.Count} ({listedIn}).");
            }
            items.Add(new SplitBuilder.Item(path, classId - 1));
        }
        return SplitBuilder.FirstHalfTrains(Name, folder, classes, items, listedIn);
    }
}
