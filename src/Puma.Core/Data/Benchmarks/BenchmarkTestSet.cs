using Puma.Evaluation;

namespace Puma.Data.Benchmarks;

/// <summary>
/// The test samples of several benchmark datasets in one label space, each with its retrieval role: the images of a
/// test split are <see cref="SampleRole.Both"/> (every image queries all the others), a separate query set's images
/// are <see cref="SampleRole.Query"/> and its gallery's <see cref="SampleRole.Gallery"/>. This is PUMA's protocol:
/// per dataset, and unified (every query against the merged gallery).
/// </summary>
/// <param name="Samples">The samples, dataset by dataset (for In-Shop: its queries, then its gallery).</param>
/// <param name="Roles">The role of each sample, in the same order.</param>
public sealed record BenchmarkTestSet(UniversalDataset Samples, IReadOnlyList<SampleRole> Roles)
{
    /// <summary>Builds the test set of <paramref name="datasets"/> (in their order).</summary>
    /// <exception cref="ArgumentException">No dataset, or two with the same name.</exception>
    public static BenchmarkTestSet Create(IReadOnlyList<BenchmarkDataset> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var folders = new List<ImageFolder>();
        var roles = new List<SampleRole>();
        foreach (BenchmarkDataset dataset in datasets)
        {
            if (dataset.Test is { } test)
            {
                folders.Add(test);
                roles.AddRange(Enumerable.Repeat(SampleRole.Both, test.Samples.Count));
                continue;
            }
            ImageFolder query = dataset.Query!, gallery = dataset.Gallery!;
            folders.Add(ImageFolder.FromList(dataset.Name, dataset.Folder, query.Classes, [.. query.Samples, .. gallery.Samples]));
            roles.AddRange(Enumerable.Repeat(SampleRole.Query, query.Samples.Count));
            roles.AddRange(Enumerable.Repeat(SampleRole.Gallery, gallery.Samples.Count));
        }
        return new BenchmarkTestSet(UniversalDataset.Combine([.. folders]), roles);
    }
}
