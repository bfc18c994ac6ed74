using System.Text.Json;
using System.Text.Json.Serialization;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>Counts of one split of one dataset.</summary>
/// <param name="Name">Split name: source, train or test.</param>
/// <param name="Classes">Number of classes (folders).</param>
/// <param name="Images">Number of images (PNG files).</param>
internal sealed record SplitManifest(string Name, int Classes, int Images);

/// <summary>One prepared dataset: its splits, its styles (fonts, themes, vendors or decks; none for some) and its source packages.</summary>
/// <param name="Name">Dataset name (folder name).</param>
/// <param name="Splits">Counts per split, in the order source, train, test.</param>
/// <param name="Styles">
/// Every style present, ordinal order (the PNG file names without extension). Empty when the dataset has no style
/// axis (tuxpaint, fashion, digits, clipart): its file names then only identify images, and no two images of the
/// dataset share a "style".
/// </param>
/// <param name="Packages">Package name → exact version it was built from.</param>
/// <param name="DroppedClasses">Candidate classes left out for having fewer than two usable images.</param>
internal sealed record DatasetManifest(
    string Name,
    IReadOnlyList<SplitManifest> Splits,
    IReadOnlyList<string> Styles,
    IReadOnlyDictionary<string, string> Packages,
    int DroppedClasses);

/// <summary>
/// What <see cref="OfflineBenchmarkPreparer"/> wrote: <c>&lt;Root&gt;/&lt;dataset&gt;/&lt;split&gt;/&lt;class&gt;/&lt;style&gt;.png</c>.
/// Stored as <c>manifest.json</c> in <see cref="Root"/>, written last, so its presence marks a complete tree.
/// </summary>
/// <param name="FormatVersion">Layout version; a manifest of another version is not valid.</param>
/// <param name="Seed">Seed of the class-to-split assignment.</param>
/// <param name="Datasets">The datasets, in preparation order.</param>
internal sealed record BenchmarkManifest(int FormatVersion, ulong Seed, IReadOnlyList<DatasetManifest> Datasets)
{
    /// <summary>
    /// The layout version this code writes and reads: 3 for <c>offline-universal-v3</c> (v2's files carried 1). Version 3
    /// adds datasets without a style axis, marked by an empty <see cref="DatasetManifest.Styles"/> list.
    /// </summary>
    public const int CurrentFormatVersion = 3;

    /// <summary>File name of the manifest inside the root.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Folder holding the datasets and the manifest (not stored: the folder the manifest was loaded from).</summary>
    [JsonIgnore]
    public string Root { get; init; } = "";

    /// <summary>Images of <paramref name="dataset"/> in <paramref name="split"/>; 0 when absent.</summary>
    public int Images(string dataset, string split) => Find(dataset, split)?.Images ?? 0;

    /// <summary>Classes of <paramref name="dataset"/> in <paramref name="split"/>; 0 when absent.</summary>
    public int Classes(string dataset, string split) => Find(dataset, split)?.Classes ?? 0;

    /// <summary>Loads a manifest file; <see cref="Root"/> becomes its folder.</summary>
    /// <exception cref="InvalidDataException">The file is not a manifest of <see cref="CurrentFormatVersion"/>.</exception>
    public static BenchmarkManifest Load(string path)
    {
        BenchmarkManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BenchmarkManifest>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            // JsonException for malformed JSON; NotSupportedException/ArgumentException for shapes the serializer cannot bind.
            throw new InvalidDataException($"'{path}' is not a valid benchmark manifest: {e.Message}", e);
        }
        if (manifest is null || manifest.FormatVersion != CurrentFormatVersion || manifest.Datasets is null || manifest.Datasets.Count == 0
            || manifest.Datasets.Any(d => !IsComplete(d)))
        {
            throw new InvalidDataException(
                $"'{path}' is not a complete benchmark manifest of format version {CurrentFormatVersion}.");
        }
        return manifest with { Root = Path.GetDirectoryName(Path.GetFullPath(path))! };
    }

    /// <summary>Every field present (JSON null or missing members deserialize as null), counts non-negative.</summary>
    private static bool IsComplete(DatasetManifest? d) =>
        d is { Name: not null, Splits.Count: > 0, Styles: not null, Packages: not null, DroppedClasses: >= 0 }
        && d.Splits.All(s => s is { Name: not null, Classes: >= 0, Images: >= 0 })
        && d.Styles.All(style => style is not null)
        && d.Packages.Values.All(version => version is not null);

    /// <summary>Loads the manifest of <paramref name="root"/>; null when it is missing or not valid.</summary>
    public static BenchmarkManifest? TryLoad(string root)
    {
        string path = Path.Combine(root, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return Load(path);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Writes the manifest into <paramref name="root"/> atomically (temporary file, then rename).</summary>
    public void Save(string root)
    {
        string path = Path.Combine(root, FileName), temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        File.Move(temp, path, overwrite: true);
    }

    private SplitManifest? Find(string dataset, string split) =>
        Datasets.FirstOrDefault(d => d.Name == dataset)?.Splits.FirstOrDefault(s => s.Name == split);
}
