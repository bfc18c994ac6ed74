using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Puma.Cli.Demo;
using Puma.Cli.Training;
using Spectre.Console;

namespace Puma.Cli.Commands;

/// <summary>
/// <c>puma train</c>: trains PUMA on your own images (<c>&lt;benchmark&gt;/&lt;dataset&gt;/{train,test}/&lt;class&gt;/*</c>) with
/// PUMA's augmentation, the whole model running on every batch; evaluates on the test split and writes the trainable
/// checkpoint, train-config.json and results.json.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var defaults = new TrainSettings();
        var benchmark = new Option<string?>("--benchmark") { Description = "Folder laid out as <dataset>/{train,test}/<class>/<images>." };
        var pumaRoot = new Option<string?>("--puma-root") { Description = "Folder holding the eight PUMA datasets in their official layouts (see 'puma benchmark-check'); instead of --benchmark." };
        var recipe = new Option<string>("--recipe") { Description = "Loss, schedule and proxy rate: 'default' (Proxy-Anchor, cosine, proxies ×100) or 'paper' (CurricularFace s32 m0.3, ×0.5 every 20 epochs, proxies ×1e4).", DefaultValueFactory = _ => defaults.Recipe };
        var preset = new Option<string>("--preset") { Description = "Backbone architecture: " + string.Join(", ", Presets.Vit.Keys) + ".", DefaultValueFactory = _ => defaults.Preset };
        var weights = new Option<string?>("--weights") { Description = "Backbone weights: a timm ViT checkpoint (.safetensors or AugReg .npz) of the preset's width and depth; random init when omitted." };
        var imageSize = new Option<int>("--image-size") { Description = "Input side in pixels (a multiple of the patch size).", DefaultValueFactory = _ => defaults.ImageSize };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => defaults.Epochs };
        var batchSize = new Option<int>("--batch-size") { Description = "Images per step.", DefaultValueFactory = _ => defaults.BatchSize };
        var learningRate = new Option<double>("--lr") { Description = "Base learning rate (adapters, prompts and head ×10; proxies and schedule by --recipe).", DefaultValueFactory = _ => defaults.LearningRate };
        var embeddingDim = new Option<int>("--embedding-dim") { Description = "Embedding width.", DefaultValueFactory = _ => defaults.EmbeddingDim };
        var adapterDim = new Option<int>("--adapter-dim") { Description = "Stochastic adapter bottleneck.", DefaultValueFactory = _ => defaults.AdapterDim };
        var output = new Option<string>("--out") { Description = "Output folder (checkpoint, train-config.json, results.json).", DefaultValueFactory = _ => defaults.OutputFolder };
        var seed = new Option<int>("--seed") { Description = "Random seed (backbone init, trainable init, batch order, augmentation).", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads of the model.", DefaultValueFactory = _ => defaults.Threads };
        var workers = new Option<int>("--workers") { Description = "Background threads decoding and augmenting images.", DefaultValueFactory = _ => defaults.Workers };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "Hold out this share of each dataset's training classes and keep the best validated epoch (0: no selection, keep the last; the test split is never used to select).", DefaultValueFactory = _ => defaults.ValidationFraction };
        var evaluateEvery = new Option<int>("--evaluate-every") { Description = "Epochs between two validations with --validation-fraction (the last epoch is always validated).", DefaultValueFactory = _ => defaults.EvaluateEvery };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Skip the frozen-backbone evaluation before training." };
        var command = new Command("train", "Train PUMA on image folders (augmented on the fly) and evaluate it on their test split.")
        {
            benchmark, pumaRoot, recipe, preset, weights, imageSize, epochs, batchSize, learningRate, embeddingDim, adapterDim, output, seed, threads, workers, validationFraction, evaluateEvery, noBaseline,
        };
        command.SetAction((result, ct) =>
        {
            string? folders = result.GetValue(benchmark), official = result.GetValue(pumaRoot);
            if ((folders is null) == (official is null))
                throw new ArgumentException("Give exactly one of --benchmark (image folders) and --puma-root (the eight PUMA datasets).");
            string root = Path.GetFullPath((folders ?? official)!);
            string? weightsPath = result.GetValue(weights);
            string recipeName = result.GetValue(recipe)!;
            TrainingRecipe.Validate(recipeName);
            double fraction = result.GetValue(validationFraction);
            if (!(fraction >= 0 && fraction < 1)) throw new ArgumentException($"--validation-fraction must be in [0, 1) (got {fraction}).");
            int every = result.GetValue(evaluateEvery);
            if (every < 1) throw new ArgumentException($"--evaluate-every must be at least 1 (got {every}).");
            return RunAsync(root, defaults with
            {
                PumaLayout = official is not null,
                Recipe = recipeName,
                Benchmark = Path.GetFileName(Path.TrimEndingDirectorySeparator(root)),
                Preset = result.GetValue(preset)!,
                Weights = weightsPath is null ? null : Path.GetFullPath(weightsPath),
                ImageSize = result.GetValue(imageSize),
                Epochs = result.GetValue(epochs),
                BatchSize = result.GetValue(batchSize),
                LearningRate = result.GetValue(learningRate),
                EmbeddingDim = result.GetValue(embeddingDim),
                AdapterDim = result.GetValue(adapterDim),
                OutputFolder = result.GetValue(output)!,
                Seed = result.GetValue(seed),
                Threads = result.GetValue(threads),
                Workers = result.GetValue(workers),
                Baseline = !result.GetValue(noBaseline),
                ValidationFraction = fraction,
                EvaluateEvery = every,
            }, ct);
        });
        return command;
    }

    private static Task<int> RunAsync(string root, TrainSettings settings, CancellationToken ct)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"{(settings.PumaLayout ? "--puma-root" : "--benchmark")} folder not found: {root}");
        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("puma.train");
        var clock = Stopwatch.StartNew();
        var outcome = new TrainPipeline(settings, logger).Run(root, clock, ct);
        var runs = new List<(string, Puma.Evaluation.RetrievalReport)>();
        if (outcome.Frozen is not null) runs.Add(("frozen-backbone", outcome.Frozen));
        runs.Add(("puma", outcome.Puma));
        ResultsTable.Print(runs);
        AnsiConsole.MarkupLine($"trainable parameters: {outcome.Results.TrainableParameters:N0}, frozen: {outcome.Results.FrozenParameters:N0}");
        AnsiConsole.MarkupLine($"checkpoint: [bold]{Markup.Escape(outcome.CheckpointPath)}[/]; results: [bold]{Markup.Escape(outcome.ResultsPath)}[/] ({clock.Elapsed.TotalSeconds:F0} s)");
        return Task.FromResult(0);
    }
}
