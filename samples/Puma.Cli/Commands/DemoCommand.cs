using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Puma.Cli.Demo;
using Puma.Cli.LiveDisplay;
using Puma.Cli.OfflineBenchmark;
using Spectre.Console;

namespace Puma.Cli.Commands;

/// <summary>
/// <c>puma demo</c>: the main job. Prepares the offline universal benchmark if missing, pre-trains the hybrid encoder if
/// missing, evaluates the frozen backbone, trains PUMA, evaluates it, prints the table and writes results.json.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var defaults = new DemoSettings();
        var output = new Option<string>("--out") { Description = "Output folder (results.json, trainable checkpoint).", DefaultValueFactory = _ => defaults.OutputFolder };
        var cache = new Option<string>("--cache") { Description = "Cache folder (data, features, encoders); $PUMA_CACHE overrides the default.", DefaultValueFactory = _ => defaults.CacheFolder };
        var benchmark = new Option<string?>("--benchmark") { Description = "Use this prepared folder (<dataset>/{source,train,test}/<class>/*) instead of the offline benchmark." };
        var epochs = new Option<int>("--epochs") { Description = "PUMA training epochs.", DefaultValueFactory = _ => defaults.PumaEpochs };
        var pretrainEpochs = new Option<int>("--pretrain-epochs") { Description = "Encoder pre-training epochs (cached per value).", DefaultValueFactory = _ => defaults.PretrainEpochs };
        var learningRate = new Option<double>("--lr") { Description = "PUMA base learning rate (adapters, prompts and head ×10, proxies ×100).", DefaultValueFactory = _ => defaults.PumaLearningRate };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads.", DefaultValueFactory = _ => defaults.Threads };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "Share of each dataset's training classes held out for model selection (0: keep the last epoch).", DefaultValueFactory = _ => defaults.ValidationFraction };
        var evaluateEvery = new Option<int>("--evaluate-every") { Description = "Epochs between two validations.", DefaultValueFactory = _ => defaults.EvaluateEvery };
        var command = new Command("demo", "Prepare the offline benchmark, pre-train the backbone, train and evaluate PUMA against the frozen backbone.")
        {
            output, cache, benchmark, epochs, pretrainEpochs, learningRate, seed, threads, validationFraction, evaluateEvery,
        };
        command.SetAction((result, ct) => RunAsync(defaults with
        {
            OutputFolder = result.GetValue(output)!,
            CacheFolder = result.GetValue(cache)!,
            BenchmarkFolder = result.GetValue(benchmark),
            PumaEpochs = result.GetValue(epochs),
            PretrainEpochs = result.GetValue(pretrainEpochs),
            PumaLearningRate = result.GetValue(learningRate),
            Seed = result.GetValue(seed),
            Threads = result.GetValue(threads),
            ValidationFraction = result.GetValue(validationFraction),
            EvaluateEvery = result.GetValue(evaluateEvery),
        }, ct));
        return command;
    }

    private static async Task<int> RunAsync(DemoSettings settings, CancellationToken ct)
    {
        if (settings.Validate() is { Count: > 0 } errors)
        {
            foreach (var error in errors) AnsiConsole.MarkupLine($"[red]{Markup.Escape(error)}[/]");
            return 2;
        }
        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("puma.demo");
        var clock = Stopwatch.StartNew();
        string onnx = Path.Combine(AppContext.BaseDirectory, "models", "ResNet18.onnx");
        string root, name;
        if (settings.BenchmarkFolder is { } folder)
        {
            if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"--benchmark folder not found: {folder}");
            (root, name) = (Path.GetFullPath(folder), Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))));
        }
        else
        {
            var manifest = await BenchmarkPreparation.EnsureAsync(settings.CacheFolder, logger, ct).ConfigureAwait(false);
            (root, name) = (manifest.Root, OfflineBenchmarkPreparer.FolderName);
        }
        var outcome = new DemoPipeline(settings, logger).Run(root, name, onnx, clock, ct);
        ResultsTable.Print([("frozen-backbone", outcome.Frozen), ("puma", outcome.Puma)]);
        AnsiConsole.MarkupLine($"trainable parameters: {outcome.Results.TrainableParameters:N0}, frozen: {outcome.Results.FrozenParameters:N0}");
        AnsiConsole.MarkupLine($"results: [bold]{Markup.Escape(outcome.ResultsPath)}[/] ({clock.Elapsed.TotalSeconds:F0} s)");
        return 0;
    }
}
