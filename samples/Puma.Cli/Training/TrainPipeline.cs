using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Puma.Cli.Demo;
using Puma.Cli.LiveDisplay;
using Puma.Data;
using Puma.Data.Benchmarks;
using Puma.Evaluation;
using Puma.Models;
using Puma.Training;
using TorchSharp;

namespace Puma.Cli.Training;

/// <summary>What a <c>puma train</c> run produced.</summary>
internal sealed record TrainOutcome(ResultsDocument Results, RetrievalReport? Frozen, RetrievalReport Puma, string ResultsPath, string CheckpointPath);

/// <summary>
/// Trains PUMA on the images of <c>&lt;benchmark&gt;/&lt;dataset&gt;/train</c> (augmented on the fly, stem included, backbone
/// frozen), evaluates on <c>&lt;dataset&gt;/test</c> (optionally the frozen backbone first), writes the trainable
/// checkpoint, <c>train-config.json</c> and <c>results.json</c>.
/// </summary>
internal sealed class TrainPipeline(TrainSettings settings, ILogger logger)
{
    public TrainOutcome Run(string benchmarkRoot, Stopwatch clock, CancellationToken ct)
    {
        torch.set_num_threads(settings.Threads);
        var train = BenchmarkData.Train(benchmarkRoot, settings.PumaLayout, logger);
        var test = BenchmarkData.Test(benchmarkRoot, settings.PumaLayout, logger);
        UniversalDataset? validation = null;
        if (settings.ValidationFraction > 0)
        {
            (train, validation) = train.HoldOutClasses(settings.ValidationFraction, (ulong)settings.Seed);
            logger.LogInformation("Validation split: {Classes} training classes ({Images} images) held out for model selection every {Every} epochs",
                validation.NumClasses, validation.Samples.Count, settings.EvaluateEvery);
        }
        logger.LogInformation("Train split: {Images} images, {Classes} classes in {Datasets}; test split: {TestImages} images",
            train.Samples.Count, train.NumClasses, string.Join(", ", train.DatasetNames), test.Samples.Samples.Count);

        using var model = ImageModelFactory.Build(settings);
        logger.LogInformation("Model: {Backbone}; {Adapter}; {Prompt}; {Trainable} trainable, {Frozen} frozen parameters",
            model.Description.Backbone, model.Description.Adapter, model.Description.Prompt, model.TrainableParameterCount, model.FrozenParameterCount);
        var images = new ImagePipelineOptions { Threads = settings.Workers };

        RetrievalReport? frozen = null;
        if (settings.Baseline)
        {
            frozen = model.EvaluateBackbone(test, cancellationToken: ct, images: images);
            logger.LogInformation("Frozen backbone: unified R@1 {Unified:P2}, harmonic mean R@1 {Harmonic:P2}",
                frozen.Unified.RecallAt1, frozen.HarmonicMeanRecallAt1);
        }

        var options = TrainingRecipe.Options(settings);
        var report = LiveProgress.Run(logger, (tracker, log) =>
            model.FitAsync(train, options, tracker.ForTraining("PUMA training"), ct, log, images, validation).GetAwaiter().GetResult());
        var puma = model.Evaluate(test, cancellationToken: ct, images: images);
        logger.LogInformation("PUMA: unified R@1 {Unified:P2}, harmonic mean R@1 {Harmonic:P2} ({Steps} steps, {Seconds:F0} s)",
            puma.Unified.RecallAt1, puma.HarmonicMeanRecallAt1, report.Steps, report.Seconds);

        Directory.CreateDirectory(settings.OutputFolder);
        string checkpoint = Path.Combine(settings.OutputFolder, TrainSettings.CheckpointName);
        model.SaveTrainable(checkpoint);
        settings.Write(Path.Combine(settings.OutputFolder, TrainSettings.FileName));
        var runs = new List<RunResult>();
        if (frozen is not null) runs.Add(RunResult.From("frozen-backbone", frozen));
        runs.Add(RunResult.From("puma", puma));
        var results = new ResultsDocument(settings.Benchmark, model.Description.Backbone, model.TrainableParameterCount, model.FrozenParameterCount,
            Math.Round(clock.Elapsed.TotalSeconds, 1), runs) { Selection = SelectionResult.From(report) };
        string resultsPath = Path.Combine(settings.OutputFolder, "results.json");
        results.Write(resultsPath);
        return new TrainOutcome(results, frozen, puma, resultsPath, checkpoint);
    }
}
