using Puma.Backbones.Hybrid;

namespace Puma.Cli.Demo;

/// <summary>The demo's configuration; every value has a default so that <c>puma demo</c> needs no argument.</summary>
internal sealed record DemoSettings
{
    /// <summary>Where results.json, the trainable checkpoint and the pictures go.</summary>
    public string OutputFolder { get; init; } = "puma-output";

    /// <summary>Data, stem features and pre-trained encoders (reused across runs).</summary>
    public string CacheFolder { get; init; } = CachePaths.DefaultRoot;

    /// <summary>A prepared benchmark root to use instead of the offline benchmark (same layout), or null.</summary>
    public string? BenchmarkFolder { get; init; }

    public int Seed { get; init; }

    public int Threads { get; init; } = Environment.ProcessorCount;

    public HybridVitConfig Encoder { get; init; } = HybridVitConfig.Small112;

    public int PretrainEpochs { get; init; } = 30;

    public double PretrainLearningRate { get; init; } = 5e-4;

    public int PumaEpochs { get; init; } = 15;

    public double PumaLearningRate { get; init; } = 1e-4;

    public int BatchSize { get; init; } = 64;

    public int AdapterBottleneck { get; init; } = 64;

    public int EmbeddingDim { get; init; } = 128;

    /// <summary>Share of each dataset's training classes held out for model selection (0: none, keep the last epoch).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Epochs between two validations (and after the last).</summary>
    public int EvaluateEvery { get; init; } = 1;

    /// <summary>
    /// Every invalid value, named by its command-line option, so that a bad argument fails before minutes of feature
    /// extraction and pre-training (empty when valid).
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(OutputFolder)) errors.Add("--out must name a folder.");
        if (string.IsNullOrWhiteSpace(CacheFolder)) errors.Add("--cache must name a folder.");
        if (BenchmarkFolder is not null && !Directory.Exists(BenchmarkFolder)) errors.Add($"--benchmark folder not found: {BenchmarkFolder}");
        if (PumaEpochs < 1) errors.Add($"--epochs must be at least 1 (got {PumaEpochs}).");
        if (PretrainEpochs < 1) errors.Add($"--pretrain-epochs must be at least 1 (got {PretrainEpochs}).");
        if (!(PumaLearningRate > 0) || double.IsInfinity(PumaLearningRate)) errors.Add($"--lr must be positive and finite (got {PumaLearningRate}).");
        if (Threads < 1) errors.Add($"--threads must be at least 1 (got {Threads}).");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1)) errors.Add($"--validation-fraction must be in [0, 1) (got {ValidationFraction}).");
        if (EvaluateEvery < 1) errors.Add($"--evaluate-every must be at least 1 (got {EvaluateEvery}).");
        return errors;
    }
}
