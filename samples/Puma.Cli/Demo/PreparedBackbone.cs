using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Puma.Backbones.Hybrid;

namespace Puma.Cli.Demo;

/// <summary>
/// What the demo and the baselines share on a prepared benchmark folder: its three splits, the frozen stem's cached
/// features of each, and the hybrid encoder pre-trained on the source split (cached by data, stem, size, epochs and seed).
/// </summary>
internal sealed class PreparedBackbone : IDisposable
{
    private PreparedBackbone(BenchmarkFolders splits, FeatureSplits features, string encoderPath, string resnetOnnxPath, HybridVitConfig config)
    {
        Splits = splits;
        Features = features;
        EncoderPath = encoderPath;
        ResNetOnnxPath = resnetOnnxPath;
        Config = config;
    }

    public BenchmarkFolders Splits { get; }

    public FeatureSplits Features { get; }

    /// <summary>The pre-trained encoder's safetensors file.</summary>
    public string EncoderPath { get; }

    public string ResNetOnnxPath { get; }

    public HybridVitConfig Config { get; }

    public static PreparedBackbone Prepare(string benchmarkRoot, string resnetOnnxPath, DemoSettings settings, ILogger logger, CancellationToken ct)
    {
        var splits = BenchmarkFolders.Load(benchmarkRoot, logger);
        string dataKey = DataKey(benchmarkRoot, splits);
        string stemKey = $"{dataKey}-resnet18-{settings.Encoder.Stage}-{settings.Encoder.Encoder.ImageSize}".ToLowerInvariant();
        using var encoder = HybridEncoder.Create(resnetOnnxPath, settings.Encoder);
        var features = FeatureSplits.LoadOrExtract(splits, encoder.Stem, settings.CacheFolder, stemKey, logger, ct);
        try
        {
            string encoderKey = $"{stemKey}-d{settings.Encoder.Encoder.EmbedDim}x{settings.Encoder.Encoder.Depth}-e{settings.PretrainEpochs}-s{settings.Seed}";
            string encoderPath = EncoderPretraining.PathFor(settings.CacheFolder, encoderKey);
            EncoderPretraining.EnsureTrained(encoderPath, encoder, features.Source, settings, logger, ct);
            return new PreparedBackbone(splits, features, encoderPath, resnetOnnxPath, settings.Encoder);
        }
        catch
        {
            features.Dispose();
            throw;
        }
    }

    /// <summary>A short hash of the benchmark's file list, so caches made from other data are never reused.</summary>
    private static string DataKey(string root, BenchmarkFolders splits)
    {
        var text = new StringBuilder();
        foreach (var data in new[] { splits.Source, splits.Train, splits.Test })
            foreach (var sample in data.Samples)
                text.Append(Path.GetRelativePath(root, sample.Path)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    public void Dispose() => Features.Dispose();
}
