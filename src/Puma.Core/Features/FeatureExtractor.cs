using System.Runtime.ExceptionServices;
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
    private readonly TokenStem encoderStem = stem ?? throw new ArgumentNullException(nameof(stem));
    private readonly ILogger log = logger ?? NullLogger.Instance;

    /// <summary>Images per stem batch (default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Decoding options (default: EXIF orientation applied, alpha composited on white).</summary>
    public ImageDecodeOptions DecodeOptions { get; init; } = ImageDecodeOptions.Default;

    /// <summary>What happens to an image that cannot be decoded (default <see cref="UndecodableImageHandling.Throw"/>).</summary>
    public UndecodableImageHandling UndecodableImages { get; init; } = UndecodableImageHandling.Throw;

    /// <summary>
    /// Extracts features; the result owns a CPU float32 tensor <c>[N, ...FeatureShape]</c>, in sample order (without the
    /// samples skipped under <see cref="UndecodableImageHandling.SkipWithWarning"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">An image cannot be decoded (the message names the file), under
    /// <see cref="UndecodableImageHandling.Throw"/>; or every image was skipped.</exception>
    /// <exception cref="FileNotFoundException">An image file is missing, under <see cref="UndecodableImageHandling.Throw"/>.</exception>
    public FeatureDataset Extract(UniversalDataset data, IProgress<FeatureProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Samples.Count == 0) throw new ArgumentException("The dataset has no samples.", nameof(data));
        if (BatchSize <= 0) throw new InvalidOperationException($"BatchSize must be positive (got {BatchSize}).");
        if (!Enum.IsDefined(UndecodableImages)) throw new InvalidOperationException($"Unknown UndecodableImages value {UndecodableImages}.");
        (DecodeOptions ?? throw new InvalidOperationException("DecodeOptions must not be null.")).Validate();
        var shape = new[] { (long)data.Samples.Count }.Concat(encoderStem.FeatureShape).ToArray();
        var features = torch.empty(shape, dtype: ScalarType.Float32);
        var device = encoderStem.parameters().FirstOrDefault()?.device ?? torch.CPU;
        var kept = new List<int>(data.Samples.Count);
        try
        {
            encoderStem.eval();
            for (int start = 0; start < data.Samples.Count; start += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(BatchSize, data.Samples.Count - start);
                var images = new RgbImage?[count];
                var errors = new Exception?[count];
                Parallel.For(0, count, i =>
                {
                    try { images[i] = ImageDecoder.Decode(data.Samples[start + i].Path, DecodeOptions); }
                    catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or UnauthorizedAccessException) { errors[i] = e; }
                });
                var decoded = new List<RgbImage>(count);
                for (int i = 0; i < count; i++)
                {
                    if (errors[i] is { } error)
                    {
                        if (UndecodableImages == UndecodableImageHandling.Throw) ExceptionDispatchInfo.Capture(error).Throw();
                        log.LogWarning("Skipping sample {Index} ({Path}): {Reason}", start + i, data.Samples[start + i].Path, error.Message);
                        continue;
                    }
                    decoded.Add(images[i]!);
                    kept.Add(start + i);
                }
                if (decoded.Count > 0)
                {
                    using var scope = torch.NewDisposeScope();
                    using var noGrad = torch.no_grad();
                    var batch = encoderStem.Preprocess(decoded);
                    var output = encoderStem.features(batch.to(device)).to(ScalarType.Float32).cpu();
                    features.narrow(0, kept.Count - decoded.Count, decoded.Count).copy_(output);
                }
                progress?.Report(new FeatureProgress(start + count, data.Samples.Count));
            }
            if (kept.Count == 0) throw new InvalidDataException($"None of the {data.Samples.Count} images could be decoded.");
            if (kept.Count < data.Samples.Count)
            {
                var all = features;
                using (var rows = all.narrow(0, 0, kept.Count)) features = rows.clone();
                all.Dispose();
                log.LogWarning("Skipped {Skipped} of {Count} images that could not be decoded", data.Samples.Count - kept.Count, data.Samples.Count);
            }
            log.LogInformation("Extracted {Shape} features for {Count} images", string.Join("×", shape.Skip(1)), kept.Count);
            return new FeatureDataset(features, kept.Select(i => data.Samples[i].Label).ToArray(), kept.Select(i => data.Samples[i].DatasetIndex).ToArray(),
                data.DatasetNames, data.NumClasses);
        }
        catch
        {
            features.Dispose();
            throw;
        }
    }
}
