using Puma.Cli.Demo;

namespace Puma.Cli.Baselines;

/// <summary>
/// The configuration of <c>puma benchmark</c>: which methods, which seeds, and the training budget shared by every
/// trained method. The encoder pre-training and feature cache come from <see cref="Demo"/> (the same defaults as
/// <c>puma demo</c>, so the two commands share their caches).
/// </summary>
internal sealed record BaselineSettings
{
    /// <summary>Where baselines.json, baselines.md, baselines.png and the per-run files go.</summary>
    public string OutputFolder { get; init; } = "benchmark-output";

    /// <summary>Backbone preparation (cache, encoder, pre-training epochs, threads); its seed is the encoder's.</summary>
    public DemoSettings Demo { get; init; } = new();

    /// <summary>Method names (<see cref="BaselineCatalog"/>), in table order.</summary>
    public IReadOnlyList<string> Methods { get; init; } = BaselineCatalog.DefaultNames;

    /// <summary>Seeds of every trained method (untrained methods run once).</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [0, 1, 2];

    /// <summary>Seeds for the ablation rows (<see cref="BaselineMethod.IsMainRow"/> false): the first this many of <see cref="Seeds"/>.</summary>
    public int AblationSeeds { get; init; } = 1;

    public int Epochs { get; init; } = 15;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Backbone rate multiplier of the fine-tuned baselines (0.3 × 1e-4 ≈ the reference's 3e-5).</summary>
    public double FineTuneMultiplier { get; init; } = 0.3;

    /// <summary>Share of each dataset's training classes held out for model selection (never the test split).</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Epochs between two validations (and after the last).</summary>
    public int EvaluateEvery { get; init; } = 3;

    /// <summary>Side of the raw-pixel baseline's thumbnails.</summary>
    public int PixelSize { get; init; } = 16;

    /// <summary>Every invalid value, named by its option (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Demo.Validate().Where(e => !e.StartsWith("--epochs", StringComparison.Ordinal) && !e.StartsWith("--lr", StringComparison.Ordinal)));
        if (string.IsNullOrWhiteSpace(OutputFolder)) errors.Add("--out must name a folder.");
        if (Methods.Count == 0) errors.Add("--methods lists no method.");
        foreach (var name in Methods.Where(n => !BaselineCatalog.Names.Contains(n)))
            errors.Add($"--methods: unknown method '{name}'. Known: {string.Join(", ", BaselineCatalog.Names)}.");
        if (Methods.Distinct().Count() != Methods.Count) errors.Add("--methods lists a method twice.");
        if (Seeds.Count == 0) errors.Add("--seeds lists no seed.");
        if (Seeds.Distinct().Count() != Seeds.Count) errors.Add("--seeds lists a seed twice.");
        if (AblationSeeds < 1) errors.Add($"--ablation-seeds must be at least 1 (got {AblationSeeds}).");
        if (Epochs < 1) errors.Add($"--epochs must be at least 1 (got {Epochs}).");
        if (BatchSize < 2) errors.Add($"--batch-size must be at least 2 (got {BatchSize}).");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) errors.Add($"--lr must be positive and finite (got {LearningRate}).");
        if (!(ValidationFraction > 0 && ValidationFraction < 1)) errors.Add($"--validation-fraction must be in (0, 1) (got {ValidationFraction}).");
        if (EvaluateEvery < 1) errors.Add($"--evaluate-every must be at least 1 (got {EvaluateEvery}).");
        if (PixelSize < 1) errors.Add($"--pixel-size must be at least 1 (got {PixelSize}).");
        return errors;
    }

    /// <summary>The seeds <paramref name="method"/> runs with.</summary>
    public IReadOnlyList<int> SeedsFor(BaselineMethod method) =>
        !method.IsTrained ? [Seeds[0]] : method.IsMainRow ? Seeds : Seeds.Take(AblationSeeds).ToList();
}
