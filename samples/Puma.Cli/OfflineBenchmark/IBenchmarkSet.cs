using Microsoft.Extensions.Logging;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>One dataset of the offline benchmark: its packages, its candidate classes and how to render them.</summary>
internal interface IBenchmarkSet
{
    /// <summary>Dataset name (folder name).</summary>
    string Name { get; }

    /// <summary>Classes per split.</summary>
    SplitSizes Sizes { get; }

    /// <summary>
    /// True when the images of a class are the same concept in different styles (fonts, themes, vendors, decks) and
    /// their file names are those styles; false when the file names only identify images (the manifest then records
    /// an empty style list).
    /// </summary>
    bool HasStyleAxis { get; }

    /// <summary>Packages to fetch and unpack.</summary>
    IReadOnlyList<PackageSource> Packages { get; }

    /// <summary>
    /// Lists every candidate class (folder-safe name → its images, at least two each) from the unpacked packages.
    /// Cheap: nothing is rendered here.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>> CollectAsync(PackageCache cache, ILogger logger, CancellationToken ct);
}
