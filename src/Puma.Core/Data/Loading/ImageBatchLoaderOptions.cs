namespace Puma.Data.Loading;

/// <summary>Options of <see cref="ImageBatchLoader"/>.</summary>
public sealed record ImageBatchLoaderOptions
{
    /// <summary>Background threads that decode and transform images (default 2).</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Batches decoded ahead of the consumer at most (default 2): bounds the memory held by the queue.</summary>
    public int PrefetchBatches { get; init; } = 2;

    /// <summary>How files are decoded (default: EXIF orientation applied, alpha composited on white).</summary>
    public ImageDecodeOptions Decode { get; init; } = ImageDecodeOptions.Default;

    /// <summary>Pixel scaling of the tensors: (v/255 − mean)/std, or raw 0..255 values when null (default mean = std = 0.5).</summary>
    public ImageNormalization? Normalization { get; init; } = ImageNormalization.Half;

    /// <summary>Seed of the per-sample augmentation streams (default 0).</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid option.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Threads < 1) errors.Add($"Threads must be at least 1 (got {Threads}).");
        if (PrefetchBatches < 1) errors.Add($"PrefetchBatches must be at least 1 (got {PrefetchBatches}).");
        if (Decode is null) errors.Add("Decode must not be null.");
        if (errors.Count > 0)
            throw new ArgumentException("Invalid loader options:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
    }
}
