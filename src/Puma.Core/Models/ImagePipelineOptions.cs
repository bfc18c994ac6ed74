using Puma.Data;
using Puma.Data.Loading;
using Puma.Data.Transforms;

namespace Puma.Models;

/// <summary>
/// How <see cref="UniversalMetricModel"/> trains and evaluates on image files: the transforms (PUMA's by default, at the
/// backbone's input size), the background decoding threads, the prefetch bound and the evaluation batch size. Pixel
/// scaling always follows the backbone's stem (<see cref="Backbones.TokenStem.InputNormalization"/>).
/// </summary>
public sealed record ImagePipelineOptions
{
    /// <summary>The defaults.</summary>
    public static ImagePipelineOptions Default { get; } = new();

    /// <summary>Training augmentation, or null for <see cref="PumaTransforms.Train"/> at the backbone's input size.</summary>
    public IImageTransform? TrainTransform { get; init; }

    /// <summary>Evaluation transform, or null for <see cref="PumaTransforms.Eval"/> at the backbone's input size.</summary>
    public IImageTransform? EvalTransform { get; init; }

    /// <summary>Background threads decoding and transforming images (default 2).</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Batches prepared ahead of the model at most (default 2).</summary>
    public int PrefetchBatches { get; init; } = 2;

    /// <summary>Images per evaluation batch (default 64).</summary>
    public int EvalBatchSize { get; init; } = 64;

    /// <summary>How files are decoded (default <see cref="ImageDecodeOptions.Default"/>).</summary>
    public ImageDecodeOptions Decode { get; init; } = ImageDecodeOptions.Default;

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid option.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Threads < 1) errors.Add($"Threads must be at least 1 (got {Threads}).");
        if (PrefetchBatches < 1) errors.Add($"PrefetchBatches must be at least 1 (got {PrefetchBatches}).");
        if (EvalBatchSize < 1) errors.Add($"EvalBatchSize must be at least 1 (got {EvalBatchSize}).");
        if (Decode is null) errors.Add("Decode must not be null.");
        if (errors.Count > 0)
            throw new ArgumentException("Invalid image pipeline options:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
    }

    internal ImageBatchLoaderOptions LoaderOptions(ImageNormalization? normalization, int? seed) => new()
    {
        Threads = Threads,
        PrefetchBatches = PrefetchBatches,
        Decode = Decode,
        Normalization = normalization,
        Seed = seed is int s ? (ulong)(uint)s : (ulong)Random.Shared.NextInt64(),
    };
}
