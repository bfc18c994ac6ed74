namespace Puma.Training.Selection;

/// <summary>The validation figure that <see cref="ModelSelection"/> maximises.</summary>
public enum SelectionMetric
{
    /// <summary>Recall@1 of every validation query against the merged validation gallery (the reference's choice).</summary>
    UnifiedRecallAt1,

    /// <summary>Harmonic mean of the per-dataset Recall@1 (favours the weakest dataset).</summary>
    HarmonicMeanRecallAt1,
}
