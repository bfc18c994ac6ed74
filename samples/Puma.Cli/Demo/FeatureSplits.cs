using Microsoft.Extensions.Logging;
using Puma.Backbones;
using Puma.Data;
using Puma.Features;

namespace Puma.Cli.Demo;

/// <summary>Cached stem features of the three benchmark splits (computed once, then read from the cache).</summary>
internal sealed record FeatureSplits(FeatureDataset Source, FeatureDataset Train, FeatureDataset Test) : IDisposable
{
    public static FeatureSplits LoadOrExtract(BenchmarkFolders splits, TokenStem stem, string cacheFolder, string key, ILogger logger,
        CancellationToken ct)
    {
        var extractor = new FeatureExtractor(stem, logger) { BatchSize = 64 };
        return new FeatureSplits(
            One("source", splits.Source, extractor, cacheFolder, key, logger, ct),
            One("train", splits.Train, extractor, cacheFolder, key, logger, ct),
            One("test", splits.Test, extractor, cacheFolder, key, logger, ct));
    }

    private static FeatureDataset One(string split, UniversalDataset data, FeatureExtractor extractor, string cacheFolder, string key,
        ILogger logger, CancellationToken ct)
    {
        var path = Path.Combine(cacheFolder, "features", $"{split}-{key}.safetensors");
        var cached = FeatureCache.TryLoad(path, key);
        if (cached is not null)
        {
            logger.LogInformation("Stem features of the {Split} split: read {Count} from {Path}", split, cached.Count, path);
            return cached;
        }
        logger.LogInformation("Stem features of the {Split} split: extracting {Count} images", split, data.Samples.Count);
        var progress = new Progress<FeatureProgress>(p =>
        {
            if (p.Done == p.Total || p.Done % 1024 < extractor.BatchSize) logger.LogInformation("  {Split}: {Done}/{Total} images", split, p.Done, p.Total);
        });
        var features = extractor.Extract(data, progress, ct);
        FeatureCache.RoundToStoredPrecision(features);
        FeatureCache.Save(features, path, key);
        return features;
    }

    public void Dispose()
    {
        Source.Dispose();
        Train.Dispose();
        Test.Dispose();
    }
}
