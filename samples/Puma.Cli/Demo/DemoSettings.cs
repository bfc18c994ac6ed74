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

    public int PumaEpochs { get; init; } = 20;

    public double PumaLearningRate { get; init; } = 1e-4;

    public int BatchSize { get; init; } = 64;

    public int AdapterBottleneck { get; init; } = 64;

    public int EmbeddingDim { get; init; } = 128;
}
