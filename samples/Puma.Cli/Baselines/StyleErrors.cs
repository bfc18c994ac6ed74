using System.Text.Json.Serialization;
using Puma.Data;
using TorchSharp;

namespace Puma.Cli.Baselines;

/// <summary>
/// Where the wrong nearest neighbours are: for every test image whose nearest neighbour in the merged (unified) gallery
/// has another label, whether that neighbour comes from the same dataset in the same style (same deck, icon theme,
/// emoji vendor, font), from the same dataset in another style, or from another dataset. A dataset has a style axis when
/// some style name (the image file name without extension) occurs in two or more of its test classes.
/// </summary>
/// <param name="Queries">Test images.</param>
/// <param name="Errors">Images whose nearest neighbour has another label (1 − unified R@1, times Queries).</param>
/// <param name="SameStyle">Errors whose neighbour is of the same dataset and style.</param>
/// <param name="SameDatasetOtherStyle">Errors whose neighbour is of the same dataset and another (or no) style.</param>
/// <param name="OtherDataset">Errors whose neighbour is from another dataset.</param>
/// <param name="StyledErrors">Errors of queries from datasets with a style axis (the denominator of <see cref="SameStyleShare"/>).</param>
internal sealed record StyleErrors(
    [property: JsonPropertyName("queries")] int Queries,
    [property: JsonPropertyName("errors")] int Errors,
    [property: JsonPropertyName("same_style")] int SameStyle,
    [property: JsonPropertyName("same_dataset_other_style")] int SameDatasetOtherStyle,
    [property: JsonPropertyName("other_dataset")] int OtherDataset,
    [property: JsonPropertyName("styled_errors")] int StyledErrors)
{
    /// <summary>Share of the errors of styled datasets whose wrong neighbour has the query's style.</summary>
    [JsonIgnore]
    public double SameStyleShare => StyledErrors == 0 ? double.NaN : (double)SameStyle / StyledErrors;

    /// <summary>Analyses row-major L2-normalised <paramref name="embeddings"/> of <paramref name="images"/> (same order).</summary>
    public static StyleErrors Analyse(UniversalDataset images, float[] embeddings, int dim)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(embeddings);
        var samples = images.Samples;
        int n = samples.Count;
        if (embeddings.Length != (long)n * dim) throw new ArgumentException($"{embeddings.Length} values for {n} images of width {dim}.", nameof(embeddings));
        var nearest = NearestNeighbours(embeddings, n, dim);
        var styles = samples.Select(s => Path.GetFileNameWithoutExtension(s.Path)).ToArray();
        var styled = StyledDatasets(images);
        int errors = 0, sameStyle = 0, sameDataset = 0, other = 0, styledErrors = 0;
        for (int q = 0; q < n; q++)
        {
            int nn = nearest[q];
            if (samples[nn].Label == samples[q].Label) continue;
            errors++;
            bool hasStyle = styled.Contains(samples[q].DatasetIndex);
            if (hasStyle) styledErrors++;
            if (samples[nn].DatasetIndex != samples[q].DatasetIndex) other++;
            else if (hasStyle && styles[nn] == styles[q]) sameStyle++;
            else sameDataset++;
        }
        return new StyleErrors(n, errors, sameStyle, sameDataset, other, styledErrors);
    }

    /// <summary>Datasets where some style name occurs in at least two classes.</summary>
    public static HashSet<int> StyledDatasets(UniversalDataset images) =>
        images.Samples
            .GroupBy(s => (s.DatasetIndex, Style: Path.GetFileNameWithoutExtension(s.Path)))
            .Where(g => g.Select(s => s.Label).Distinct().Count() >= 2)
            .Select(g => g.Key.DatasetIndex)
            .ToHashSet();

    /// <summary>Index of each row's most similar other row (cosine = dot product).</summary>
    private static int[] NearestNeighbours(float[] embeddings, int n, int dim)
    {
        var result = new int[n];
        using var scope = torch.NewDisposeScope();
        var all = torch.tensor(embeddings, [n, dim]);
        const int chunk = 512;
        for (int start = 0; start < n; start += chunk)
        {
            int count = Math.Min(chunk, n - start);
            var similarity = all.narrow(0, start, count).matmul(all.t());
            similarity.diagonal(start).fill_(float.NegativeInfinity); // (i, start + i): the query itself
            similarity.argmax(1).to(torch.int64).data<long>().ToArray().Select(v => (int)v).ToArray().CopyTo(result, start);
        }
        return result;
    }
}
