using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Puma.Adapters;
using Puma.Backbones;
using Puma.Backbones.Hybrid;
using Puma.Cli.LiveDisplay;
using Puma.Evaluation;
using Puma.Models;
using Puma.Prompts;
using Puma.Training;
using Puma.Training.Selection;
using Puma.Cli.Pictures;
using TorchSharp;

namespace Puma.Cli.Demo;

/// <summary>What a demo run produced.</summary>
internal sealed record DemoOutcome(ResultsDocument Results, RetrievalReport Frozen, RetrievalReport Puma, string ResultsPath);

/// <summary>
/// The main job on a prepared benchmark: stem features (cached), encoder pre-training on the source split (cached),
/// frozen-backbone evaluation, PUMA training on the train split, PUMA evaluation on the test split, results.json.
/// </summary>
internal sealed class DemoPipeline(DemoSettings settings, ILogger logger)
{
    public DemoOutcome Run(string benchmarkRoot, string benchmarkName, string resnetOnnxPath, Stopwatch clock, CancellationToken ct)
    {
        torch.set_num_threads(settings.Threads);
        using var prepared = PreparedBackbone.Prepare(benchmarkRoot, resnetOnnxPath, settings, logger, ct);
        var features = prepared.Features;
        string encoderPath = prepared.EncoderPath;

        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Hybrid(resnetOnnxPath, settings.Encoder, encoderPath))
            .WithStochasticAdapters(o => o.BottleneckDim(settings.AdapterBottleneck))
            .WithPromptPool()
            .WithEmbeddingDim(settings.EmbeddingDim)
            .WithProxyAnchorLoss()
            .WithSeed(settings.Seed)
            .Build();
        logger.LogInformation("Model: {Backbone}; {Adapter}; {Prompt}; {Trainable} trainable, {Frozen} frozen parameters",
            model.Description.Backbone, model.Description.Adapter, model.Description.Prompt, model.TrainableParameterCount, model.FrozenParameterCount);

        var frozen = model.EvaluateBackbone(features.Test, cancellationToken: ct);
        logger.LogInformation("Frozen backbone: unified R@1 {Unified:P2}, harmonic mean R@1 {Harmonic:P2}",
            frozen.Unified.RecallAt1, frozen.HarmonicMeanRecallAt1);

        var (train, validation) = settings.ValidationFraction > 0
            ? features.Train.HoldOutClasses(settings.ValidationFraction, (ulong)settings.Seed)
            : (features.Train, null);
        TrainingReport report;
        try
        {
            if (validation is not null)
                logger.LogInformation("Validation split: {Classes} of {All} training classes ({Images} images) held out for model selection",
                    validation.NumClasses, features.Train.NumClasses, validation.Count);
            var options = new TrainingOptions
            {
                Epochs = settings.PumaEpochs,
                BatchSize = settings.BatchSize,
                LearningRate = settings.PumaLearningRate,
                Schedule = LearningRateSchedule.Cosine(finalFactor: 0.01),
                Seed = settings.Seed,
                Selection = validation is null ? null : new ModelSelection { EvaluateEvery = settings.EvaluateEvery },
            };
            report = LiveProgress.Run(logger, (tracker, log) => model
                .FitAsync(train, options, tracker.ForTraining("PUMA training"), ct, log, validation: validation).GetAwaiter().GetResult());
        }
        finally
        {
            if (validation is not null)
            {
                train.Dispose();
                validation.Dispose();
            }
        }
        var puma = model.Evaluate(features.Test, cancellationToken: ct);
        logger.LogInformation("PUMA: unified R@1 {Unified:P2}, harmonic mean R@1 {Harmonic:P2}", puma.Unified.RecallAt1, puma.HarmonicMeanRecallAt1);

        Directory.CreateDirectory(settings.OutputFolder);
        model.SaveTrainable(Path.Combine(settings.OutputFolder, "puma-trainable.safetensors"));
        DemoPictures.Save(settings.OutputFolder, model, features.Test, prepared.Splits.Test, report, frozen, puma);
        var results = new ResultsDocument(
            benchmarkName,
            model.Description.Backbone,
            model.TrainableParameterCount,
            model.FrozenParameterCount,
            Math.Round(clock.Elapsed.TotalSeconds, 1),
            [RunResult.From("frozen-backbone", frozen), RunResult.From("puma", puma)]) { Selection = SelectionResult.From(report) };
        string resultsPath = Path.Combine(settings.OutputFolder, "results.json");
        results.Write(resultsPath);
        return new DemoOutcome(results, frozen, puma, resultsPath);
    }
}
