using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Puma.Cli.Demo;
using Puma.Cli.Training;
using Puma.Models;
using Puma.Cli.Pictures;
using Puma.Evaluation;
using Spectre.Console;
using TorchSharp;

namespace Puma.Cli.Commands;

/// <summary>
/// <c>puma evaluate</c>: rebuilds the model a <c>puma train</c> run described (train-config.json), loads its trainable
/// checkpoint, evaluates one split of an image benchmark folder (or the test split of the eight official PUMA layouts with
/// <c>--puma-root</c>) and prints the table (and writes results.json with --out).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "Trainable checkpoint written by 'puma train' (puma-trainable.safetensors).", Required = true };
        var benchmark = new Option<string?>("--benchmark") { Description = "Folder laid out as <dataset>/<split>/<class>/<images>." };
        var pumaRoot = new Option<string?>("--puma-root") { Description = "Folder holding the eight PUMA datasets in their official layouts (In-Shop's queries search its gallery); instead of --benchmark." };
        var split = new Option<string>("--split") { Description = "Split to evaluate.", DefaultValueFactory = _ => "test" };
        var config = new Option<string?>("--config") { Description = $"Training configuration; default: {TrainSettings.FileName} beside the checkpoint." };
        var output = new Option<string?>("--out") { Description = "Write results.json to this folder." };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads of the model.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var workers = new Option<int>("--workers") { Description = "Background threads decoding images.", DefaultValueFactory = _ => 2 };
        var command = new Command("evaluate", "Evaluate a trained PUMA checkpoint on one split of image folders (Recall@K per dataset, unified, harmonic mean).")
        {
            checkpoint, benchmark, pumaRoot, split, config, output, threads, workers,
        };
        command.SetAction((result, ct) =>
        {
            string? folders = result.GetValue(benchmark), official = result.GetValue(pumaRoot);
            if ((folders is null) == (official is null))
                throw new ArgumentException("Give exactly one of --benchmark (image folders) and --puma-root (the eight PUMA datasets).");
            return Task.FromResult(Run(Path.GetFullPath(result.GetValue(checkpoint)!), Path.GetFullPath((folders ?? official)!), official is not null,
                result.GetValue(split)!, result.GetValue(config), result.GetValue(output), result.GetValue(threads), result.GetValue(workers), ct));
        });
        return command;
    }

    private static int Run(string checkpoint, string root, bool pumaLayout, string split, string? configPath, string? output, int threads,
        int workers, CancellationToken ct)
    {
        if (!File.Exists(checkpoint)) throw new FileNotFoundException($"--checkpoint not found: {checkpoint}", checkpoint);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"{(pumaLayout ? "--puma-root" : "--benchmark")} folder not found: {root}");
        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("puma.evaluate");
        var clock = Stopwatch.StartNew();
        torch.set_num_threads(threads);
        var settings = TrainSettings.Read(configPath ?? Path.Combine(Path.GetDirectoryName(checkpoint)!, TrainSettings.FileName));
        var data = BenchmarkData.Test(root, pumaLayout, logger, split);
        using var model = ImageModelFactory.Build(settings);
        model.LoadTrainable(checkpoint);
        logger.LogInformation("Evaluating {Checkpoint} ({Backbone}) on {Images} images of the {Split} split", checkpoint, model.Description.Backbone,
            data.Samples.Samples.Count, split);
        // Embed once, for the metrics and for the retrieval grid.
        float[] embeddings = model.EmbedDataset(data.Samples, new ImagePipelineOptions { Threads = workers }, ct);
        int dim = embeddings.Length / data.Samples.Samples.Count;
        var samples = data.Samples.Samples;
        var report = RetrievalEvaluator.Evaluate(new RetrievalSet(embeddings, dim, samples.Select(x => x.Label).ToArray(),
            samples.Select(x => x.DatasetIndex).ToArray(), data.Samples.DatasetNames, data.Roles.ToArray()), cancellationToken: ct);
        ResultsTable.Print([("puma", report)]);
        if (output is not null)
        {
            var results = new ResultsDocument(Path.GetFileName(Path.TrimEndingDirectorySeparator(root)), model.Description.Backbone,
                model.TrainableParameterCount, model.FrozenParameterCount, Math.Round(clock.Elapsed.TotalSeconds, 1), [RunResult.From("puma", report)]);
            string path = Path.Combine(output, "results.json");
            results.Write(path);
            RecallBars.Save(Path.Combine(output, RecallBars.FileName), [("PUMA", report)]);
            RetrievalGrid.Save(Path.Combine(output, RetrievalGrid.FileName), data.Samples, embeddings, dim);
            AnsiConsole.MarkupLine($"results: [bold]{Markup.Escape(path)}[/], pictures: {RecallBars.FileName}, {RetrievalGrid.FileName}");
        }
        return 0;
    }
}
