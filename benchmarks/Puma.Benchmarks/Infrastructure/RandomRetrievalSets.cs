using Puma.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Benchmarks.Infrastructure;

/// <summary>Random L2-normalised retrieval sets for the kNN measurements (labels uniform over a class count).</summary>
public static class RandomRetrievalSets
{
    /// <summary>
    /// One dataset of <paramref name="queries"/> query-only and <paramref name="gallery"/> gallery-only rows of width
    /// <paramref name="dim"/>; with <paramref name="queries"/> = 0 every row is both query and gallery (leave-one-out).
    /// </summary>
    public static RetrievalSet Create(int queries, int gallery, int dim, int classes, int seed = 0)
    {
        int count = queries + gallery;
        float[] values;
        using (var scope = torch.NewDisposeScope())
        {
            torch.manual_seed(seed);
            var rows = nn.functional.normalize(torch.randn(count, dim), dim: 1);
            values = rows.data<float>().ToArray();
        }
        var random = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(_ => random.Next(classes)).ToArray();
        SampleRole[]? roles = queries == 0
            ? null
            : Enumerable.Range(0, count).Select(i => i < queries ? SampleRole.Query : SampleRole.Gallery).ToArray();
        return RetrievalSet.SingleDataset(values, dim, labels, "random", roles);
    }
}
