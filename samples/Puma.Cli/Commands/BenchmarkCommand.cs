using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Puma.Cli.Baselines;
using Puma.Cli.LiveDisplay;
using Puma.Cli.OfflineBenchmark;
using Spectre.Console;

namespace Puma.Cli.Commands;

/// <summary>
/// <c>puma benchmark</c>: PUMA against its baselines and ablations on the offline universal benchmark (or a prepared
/// folder), every method trained and evaluated by the same code on the same splits, several seeds, model selection on
/// held-out training classes; writes baselines.md / .png / .json (and updates a README section with --readme).
/// </summary>
internal static class BenchmarkCommand
{
    public static Command Create()
    {
        var defaults = new BaselineSettings();
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods: " + string.Join(", ", BaselineCatalog.Names) + ".", DefaultValueFactory = _ => string.Join(",", defaults.Methods) };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated seeds of the main trained rows.", DefaultValueFactory = _ => string.Join(",", defaults.Seeds) };
        var ablationSeeds = new Option<int>("--ablation-seeds") { Description = "How many of the seeds the ablation rows run with.", DefaultValueFactory = _ => defaults.AblationSeeds };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs of every trained method.", DefaultValueFactory = _ => defaults.Epochs };
        var fraction = new Option<double>("--validation-fraction") { Description = "Share of each dataset's training classes held out for model selection.", DefaultValueFactory = _ => defaults.ValidationFraction };
        var every = new Option<int>("--evaluate-every") { Description = "Epochs between two validations (and after the last).", DefaultValueFactory = _ => defaults.EvaluateEvery };
        var output = new Option<string>("--out") { Description = "Output folder (baselines.md/.png/.json, runs/).", DefaultValueFactory = _ => defaults.OutputFolder };
        var readme = new Option<string?>("--readme") { Description = "Also replace the generated section of this Markdown file (between the baselines markers) with the table." };
        var cache = new Option<string>("--cache") { Description = "Cache folder (data, features, encoders), shared with 'puma demo'.", DefaultValueFactory = _ => defaults.Demo.CacheFolder };
        var benchmark = new Option<string?>("--benchmark") { Description = "A prepared folder (<dataset>/{source,train,test}/<class>/*) instead of the offline benchmark." };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads.", DefaultValueFactory = _ => defaults.Demo.Threads };
        var pretrainEpochs = new Option<int>("--pretrain-epochs") { Description = "Encoder pre-training epochs (cached per value).", DefaultValueFactory = _ => defaults.Demo.PretrainEpochs };
        var command = new Command("benchmark", "PUMA against its baselines and ablations (same code, same splits, several seeds): table, chart and JSON.")
        {
            methods, seeds, ablationSeeds, epochs, fraction, every, output, readme, cache, benchmark, threads, pretrainEpochs,
        };
        command.SetAction((result, ct) => RunAsync(defaults with
        {
            Methods = SplitList(result.GetValue(methods)!),
            Seeds = SplitList(result.GetValue(seeds)!).Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
                ? v : throw new ArgumentException($"--seeds: '{s}' is not an integer.")).ToList(),
            AblationSeeds = result.GetValue(ablationSeeds),
            Epochs = result.GetValue(epochs),
            ValidationFraction = result.GetValue(fraction),
            EvaluateEvery = result.GetValue(every),
            OutputFolder = result.GetValue(output)!,
            Demo = defaults.Demo with
            {
                CacheFolder = result.GetValue(cache)!,
                BenchmarkFolder = result.GetValue(benchmark),
                Threads = result.GetValue(threads),
                PretrainEpochs = result.GetValue(pretrainEpochs),
            },
        }, result.GetValue(readme), "puma " + string.Join(" ", result.Tokens.Select(t => t.Value)), ct));
        return command;
    }

    private static List<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static async Task<int> RunAsync(BaselineSettings settings, string? readme, string commandLine, CancellationToken ct)
    {
        var errors = settings.Validate().ToList();
        if (readme is not null && !File.Exists(readme)) errors.Add($"--readme file not found: {readme}");
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors));
        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("puma.benchmark");
        var clock = Stopwatch.StartNew();
        string onnx = Path.Combine(AppContext.BaseDirectory, "models", "ResNet18.onnx");
        string root, name;
        if (settings.Demo.BenchmarkFolder is { } folder)
            (root, name) = (Path.GetFullPath(folder), Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))));
        else
        {
            var manifest = await BenchmarkPreparation.EnsureAsync(settings.Demo.CacheFolder, logger, ct).ConfigureAwait(false);
            (root, name) = (manifest.Root, OfflineBenchmarkPreparer.FolderName);
        }
        var outcome = new BaselineRunner(settings, logger).Run(root, name, onnx, commandLine, ct);
        if (readme is not null)
        {
            string markdown = File.ReadAllText(outcome.MarkdownPath);
            string chartLink = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(readme))!, Path.GetFullPath(outcome.ChartPath)).Replace('\\', '/');
            ReadmeSection.Replace(readme, markdown.Replace($"]({BaselineRunner.ChartName})", $"]({chartLink})", StringComparison.Ordinal));
        }
        AnsiConsole.Write(new Markup($"table: [bold]{Markup.Escape(outcome.MarkdownPath)}[/], chart: [bold]{Markup.Escape(outcome.ChartPath)}[/] ({clock.Elapsed.TotalMinutes:F1} min)\n"));
        return 0;
    }
}
