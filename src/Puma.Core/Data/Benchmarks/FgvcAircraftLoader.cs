namespace Puma.Data.Benchmarks;

/// <summary>
/// FGVC-Aircraft (2013b) in its official layout: <c>data/variants.txt</c> (one variant per line),
/// <c>data/images_variant_{train,val,test}.txt</c> (<c>image_id variant name</c>; <c>images_variant_trainval.txt</c> is
/// used when train/val are absent) and <c>data/images/&lt;image_id&gt;.jpg</c>. All lists are pooled; the variants are
/// ordered as PUMA orders them (ordinally, with spaces read as '_') and split 50/50 (variants 0–49 train, 50–99 test).
/// </summary>
public static class FgvcAircraftLoader
{
    /// <summary>The dataset name.</summary>
    public const string Name = "Aircraft";

    /// <summary>Reads the dataset in <paramref name="folder"/> (the extracted <c>fgvc-aircraft-2013b</c> folder).</summary>
    /// <inheritdoc cref="CubLoader.Load(string)"/>
    public static BenchmarkDataset Load(string folder)
    {
        folder = BenchmarkFiles.RequireFolder(Name, folder);
        string data = Path.Combine(folder, "data");
        string variantsFile = BenchmarkFiles.RequireFile(Name, data, "variants.txt");
        var variants = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (AnnotationLine line in BenchmarkFiles.Lines(variantsFile))
        {
            string variant = line.Rest(0);
            if (!known.Add(variant))
            {
                throw line.Malformed($"the variant '{variant}' is listed twice");
            }
            variants.Add(variant);
        }
        string[] classes = variants.OrderBy(v => v.Replace(' ', '_'), StringComparer.Ordinal).ToArray();
        var index = classes.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);

        string[] lists = File.Exists(Path.Combine(data, "images_variant_train.txt")) || !File.Exists(Path.Combine(data, "images_variant_trainval.txt"))
            ? ["images_variant_train.txt", "images_variant_val.txt", "images_variant_test.txt"]
            : ["images_variant_trainval.txt", "images_variant_test.txt"];
        string[] paths = lists.Select(l => BenchmarkFiles.RequireFile(Name, data, l)).ToArray();
        var items = new List<SplitBuilder.Item>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            foreach (AnnotationLine line in BenchmarkFiles.Lines(path))
            {
                line.Require(2, "'image_id variant'");
                string id = line.Fields[0];
                string variant = line.Rest(1);
                if (!index.TryGetValue(variant, out int c))
                {
                    throw line.Malformed($"the variant '{variant}' is not in {variantsFile}");
                }
                if (!ids.Add(id))
                {
                    throw line.Malformed($"the image id '{id}' is listed twice");
                }
                items.Add(new SplitBuilder.Item(Path.Combine(data, "images", id + ".jpg"), c));
            }
        }
        return SplitBuilder.FirstHalfTrains(Name, folder, classes, items, string.Join(" + ", paths));
    }
}
