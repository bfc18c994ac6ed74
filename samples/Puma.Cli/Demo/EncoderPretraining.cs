using Microsoft.Extensions.Logging;
using Puma.Backbones.Hybrid;
using Puma.Cli.LiveDisplay;
using Puma.Backbones.Vit;
using Puma.Features;
using Puma.Losses;
using Puma.Pretraining;
using Puma.Training;

namespace Puma.Cli.Demo;

/// <summary>
/// Pre-trains the hybrid encoder's transformer on the source split (classes shared with no benchmark split) with a
/// Proxy-Anchor loss on its normalised CLS token, and caches it; a later run with the same key loads the file instead.
/// </summary>
internal static class EncoderPretraining
{
    public static string PathFor(string cacheFolder, string key) => Path.Combine(cacheFolder, "encoders", $"hybrid-{key}.safetensors");

    /// <summary>Makes sure the pre-trained encoder exists at <paramref name="path"/>; returns whether it was trained now.</summary>
    public static bool EnsureTrained(string path, VisionTransformer encoder, FeatureDataset source, DemoSettings settings, ILogger logger,
        CancellationToken ct)
    {
        if (File.Exists(path))
        {
            logger.LogInformation("Pre-trained encoder: {Path} (cached)", path);
            return false;
        }
        logger.LogInformation("Pre-training the encoder on the source split: {Samples} images, {Classes} classes", source.Count, source.NumClasses);
        var target = new EncoderPretrainingTarget(encoder);
        using var loss = new ProxyAnchorLoss(source.NumClasses, target.EmbeddingDim);
        var options = new TrainingOptions
        {
            Epochs = settings.PretrainEpochs,
            BatchSize = settings.BatchSize,
            LearningRate = settings.PretrainLearningRate,
            WeightDecay = 0.05,
            Schedule = LearningRateSchedule.Cosine(finalFactor: 0.01, warmupFraction: 0.05),
            Clipping = GradientClipping.ByNorm(1.0),
            Seed = settings.Seed,
        };
        var report = LiveProgress.Run(logger, (tracker, log) =>
            new MetricTrainer(log).Fit(target, loss, source, options, tracker.ForTraining("encoder pre-training"), ct));
        HybridEncoder.Save(encoder, path, new Dictionary<string, string>
        {
            ["source_classes"] = source.NumClasses.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["epochs"] = settings.PretrainEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["final_loss"] = report.EpochLosses[^1].ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        });
        logger.LogInformation("Pre-trained encoder saved to {Path} ({Seconds:F0} s)", path, report.Seconds);
        return true;
    }
}
