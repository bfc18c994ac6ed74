namespace Puma.Cli.Baselines;

/// <summary>One row of the table: a method's figures over its seeds.</summary>
internal sealed record MethodSummary(
    string Method,
    string Description,
    bool IsMainRow,
    IReadOnlyList<int> Seeds,
    IReadOnlyDictionary<string, Spread> RecallAt1,
    Spread Unified,
    Spread HarmonicMean,
    long TrainableParameters,
    double MeanSeconds,
    Spread SameStyleShare,
    Spread OtherDatasetShare)
{
    public static MethodSummary Of(BaselineMethod method, IReadOnlyList<RunRecord> runs)
    {
        if (runs.Count == 0) throw new ArgumentException($"No run of {method.Name}.", nameof(runs));
        var datasets = runs[0].RecallAt1.Keys.ToList();
        return new MethodSummary(
            method.Name,
            method.Description,
            method.IsMainRow,
            runs.Select(r => r.Seed).ToList(),
            datasets.ToDictionary(d => d, d => Spread.Of(runs.Select(r => r.RecallAt1.GetValueOrDefault(d)))),
            Spread.Of(runs.Select(r => (double?)r.UnifiedRecallAt1)),
            Spread.Of(runs.Select(r => r.HarmonicMean)),
            runs[0].TrainableParameters,
            runs.Average(r => r.Seconds),
            Spread.Of(runs.Select(r => (double?)r.StyleErrors.SameStyleShare)),
            Spread.Of(runs.Select(r => r.StyleErrors.Errors == 0 ? (double?)null : (double)r.StyleErrors.OtherDataset / r.StyleErrors.Errors)));
    }
}
