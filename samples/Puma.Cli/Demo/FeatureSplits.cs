using Microsoft.Extensions.Logging;
using Puma.Backbones;
using Puma.Cli.LiveDisplay;
using Puma.Data;
using Puma.Features;

namespace Puma.Cli.Demo;

/// <summary>Cached stem features of the three benchmark splits (computed once, then read from the cache).</summary>
internal sealed record FeatureSplits(FeatureDataset Source, FeatureDataset Train, FeatureDataset Test) : IDisposable
{
    public static FeatureSplits LoadOrExtract(BenchmarkFolders splits, TokenStem stem, string cacheFolder, string key, ILogger logger,
        CancellationToken ct)
    {
        return new FeatureSplits(
            One("source", splits.Source, stem, cacheFolder, key, logger, ct),
            One("train", splits.Train, stem, cacheFolder, key, logger, ct),
            One("test", splits.Test, stem, cacheFolder, key, logger, ct));
    }

    private static FeatureDataset One(string split, UniversalDataset data, TokenStem stem, string cacheFolder, string key,
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
        var features = LiveProgress.Run(logger, (tracker, log) => new FeatureExtractor(stem, log) { BatchSize = 64 }
            .Extract(data, tracker.For<FeatureProgress>((t, p) => t.Report($"{split} stem features", p.Done, p.Total)), ct));
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
