using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Puma.Backbones;
using Puma.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Features;

/// <summary>Progress of feature extraction: images done out of the total.</summary>
/// <param name="Done">Images processed.</param>
/// <param name="Total">Images to process.</param>
public sealed record FeatureProgress(int Done, int Total);

/// <summary>
/// Computes a frozen stem's cacheable features for every image of a <see cref="UniversalDataset"/>: decode (one decode
/// path for training, gallery and query), resize to the stem's square input, scale as the stem expects, run the stem.
/// </summary>
public sealed class FeatureExtractor(TokenStem stem, ILogger? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger.Instance;

    /// <summary>Images per stem batch (default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Decoding options (default: EXIF orientation applied, alpha composited on white).</summary>
    public ImageDecodeOptions DecodeOptions { get; init; } = ImageDecodeOptions.Default;

    /// <summary>Extracts features; the result owns a CPU float32 tensor <c>[N, ...FeatureShape]</c>.</summary>
    public FeatureDataset Extract(UniversalDataset data, IProgress<FeatureProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Samples.Count == 0) throw new ArgumentException("The dataset has no samples.", nameof(data));
        if (BatchSize <= 0) throw new InvalidOperationException($"BatchSize must be positive (got {BatchSize}).");
        var shape = new[] { (long)data.Samples.Count }.Concat(stem.FeatureShape).ToArray();
        var features = torch.empty(shape, dtype: ScalarType.Float32);
        var device = stem.parameters().FirstOrDefault()?.device ?? torch.CPU;
        try
        {
            stem.eval();
            for (int start = 0; start < data.Samples.Count; start += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(BatchSize, data.Samples.Count - start);
                var images = new RgbImage[count];
                Parallel.For(0, count, i => images[i] = ImageDecoder.Decode(data.Samples[start + i].Path, DecodeOptions));
                using var scope = torch.NewDisposeScope();
                using var noGrad = torch.no_grad();
                var batch = stem.Preprocess(images);
                var output = stem.features(batch.to(device)).to(ScalarType.Float32).cpu();
                features.narrow(0, start, count).copy_(output);
                progress?.Report(new FeatureProgress(start + count, data.Samples.Count));
            }
        }
        catch
        {
            features.Dispose();
            throw;
        }
        log.LogInformation("Extracted {Shape} features for {Count} images", string.Join("×", shape.Skip(1)), data.Samples.Count);
        return new FeatureDataset(features, data.Samples.Select(s => s.Label).ToArray(), data.Samples.Select(s => s.DatasetIndex).ToArray(),
            data.DatasetNames, data.NumClasses);
    }
}
