using TorchSharp;

namespace Puma.Evaluation;

/// <summary>
/// Settings of <see cref="RetrievalEvaluator"/>. Every property has a documented default;
/// <see cref="Validate"/> rejects contradictory or out-of-range values before any tensor is made.
/// </summary>
public sealed record RetrievalOptions
{
    /// <summary>The Recall@K cut-offs to report (default 1, 2, 4, 8). Recall@1 is always reported as well.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [1, 2, 4, 8];

    /// <summary>
    /// Number of query rows scored against the gallery at once (default 1024). Peak memory of the kNN is about
    /// <c>QueryChunkSize × gallery size × 4</c> bytes for the similarity block; the result does not depend on it.
    /// </summary>
    public int QueryChunkSize { get; init; } = 1024;

    /// <summary>How queries without any other gallery item of their label are scored (default <see cref="LoneQueryPolicy.Exclude"/>).</summary>
    public LoneQueryPolicy LoneQueries { get; init; } = LoneQueryPolicy.Exclude;

    /// <summary>Device the similarity search runs on; <see langword="null"/> (default) means the CPU.</summary>
    public torch.Device? Device { get; init; }

    /// <summary>
    /// When <see langword="false"/> (default), a label used by samples of two different datasets is rejected, because
    /// global labels must be dataset-qualified (offset by each dataset's declared class count) and a shared label
    /// would count cross-dataset neighbours as hits in the unified scope. Set it to <see langword="true"/> only when
    /// the datasets really share classes (for example two domains of the same products).
    /// </summary>
    public bool AllowLabelsSharedAcrossDatasets { get; init; }

    /// <summary>The options used when none are given.</summary>
    public static RetrievalOptions Default { get; } = new();

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentException">Ks is null, empty or has a duplicate value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A K or the chunk size is not positive, or the policy is undefined.</exception>
    public void Validate()
    {
        if (Ks is null || Ks.Count == 0)
            throw new ArgumentException("At least one Recall@K cut-off is required.", nameof(Ks));
        var seen = new HashSet<int>();
        foreach (var k in Ks)
        {
            if (k <= 0)
                throw new ArgumentOutOfRangeException(nameof(Ks), k, $"Recall@K cut-off K must be positive, got {k}.");
            if (!seen.Add(k))
                throw new ArgumentException($"Recall@K cut-off K = {k} is listed twice.", nameof(Ks));
        }
        if (QueryChunkSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(QueryChunkSize), QueryChunkSize, "QueryChunkSize must be positive.");
        if (!Enum.IsDefined(LoneQueries))
            throw new ArgumentOutOfRangeException(nameof(LoneQueries), LoneQueries, "Unknown lone-query policy.");
    }
}
