using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Puma.Cli.Demo;
using Puma.Cli.Training;
using Puma.Models;
using Spectre.Console;
using TorchSharp;

namespace Puma.Cli.Commands;

/// <summary>
/// <c>puma evaluate</c>: rebuilds the model a <c>puma train</c> run described (train-config.json), loads its trainable
/// checkpoint, evaluates one split of an image benchmark folder and prints the table (and writes results.json with --out).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "Trainable checkpoint written by 'puma train' (puma-trainable.safetensors).", Required = true };
        var benchmark = new Option<string>("--benchmark") { Description = "Folder laid out as <dataset>/<split>/<class>/<images>.", Required = true };
        var split = new Option<string>("--split") { Description = "Split to evaluate.", DefaultValueFactory = _ => "test" };
        var config = new Option<string?>("--config") { Description = $"Training configuration; default: {TrainSettings.FileName} beside the checkpoint." };
        var output = new Option<string?>("--out") { Description = "Write results.json to this folder." };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads of the model.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var workers = new Option<int>("--workers") { Description = "Background threads decoding images.", DefaultValueFactory = _ => 2 };
        var command = new Command("evaluate", "Evaluate a trained PUMA checkpoint on one split of image folders (Recall@K per dataset, unified, harmonic mean).")
        {
            checkpoint, benchmark, split, config, output, threads, workers,
        };
        command.SetAction((result, ct) => Task.FromResult(Run(
            Path.GetFullPath(result.GetValue(checkpoint)!), Path.GetFullPath(result.GetValue(benchmark)!), result.GetValue(split)!,
            result.GetValue(config), result.GetValue(output), result.GetValue(threads), result.GetValue(workers), ct)));
        return command;
    }

    private static int Run(string checkpoint, string root, string split, string? configPath, string? output, int threads, int workers,
        CancellationToken ct)
    {
        if (!File.Exists(checkpoint)) throw new FileNotFoundException($"--checkpoint not found: {checkpoint}", checkpoint);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"--benchmark folder not found: {root}");
        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("puma.evaluate");
        var clock = Stopwatch.StartNew();
        torch.set_num_threads(threads);
        var settings = TrainSettings.Read(configPath ?? Path.Combine(Path.GetDirectoryName(checkpoint)!, TrainSettings.FileName));
        var data = BenchmarkFolders.LoadSplit(root, split, logger);
        using var model = ImageModelFactory.Build(settings);
        model.LoadTrainable(checkpoint);
        logger.LogInformation("Evaluating {Checkpoint} ({Backbone}) on {Images} images of the {Split} split", checkpoint, model.Description.Backbone,
            data.Samples.Count, split);
        var report = model.Evaluate(data, cancellationToken: ct, images: new ImagePipelineOptions { Threads = workers });
        ResultsTable.Print([("puma", report)]);
        if (output is not null)
        {
            var results = new ResultsDocument(Path.GetFileName(Path.TrimEndingDirectorySeparator(root)), model.Description.Backbone,
                model.TrainableParameterCount, model.FrozenParameterCount, Math.Round(clock.Elapsed.TotalSeconds, 1), [RunResult.From("puma", report)]);
            string path = Path.Combine(output, "results.json");
            results.Write(path);
            AnsiConsole.MarkupLine($"results: [bold]{Markup.Escape(path)}[/]");
        }
        return 0;
    }
}
