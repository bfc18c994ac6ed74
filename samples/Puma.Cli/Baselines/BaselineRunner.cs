using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Puma.Cli.Demo;
using TorchSharp;

namespace Puma.Cli.Baselines;

/// <summary>What <c>puma benchmark</c> produced.</summary>
internal sealed record BaselineOutcome(IReadOnlyList<MethodSummary> Rows, string MarkdownPath, string ChartPath, string JsonPath);

/// <summary>
/// Runs every requested method with its seeds, in the order given, on the prepared benchmark (reusing finished runs of the same settings
/// from <c>runs/</c>), then writes <c>baselines.json</c>, <c>baselines.md</c> and <c>baselines.png</c>.
/// </summary>
internal sealed class BaselineRunner(BaselineSettings settings, ILogger logger)
{
    public const string MarkdownName = "baselines.md";
    public const string ChartName = "baselines.png";
    public const string JsonName = "baselines.json";

    public BaselineOutcome Run(string benchmarkRoot, string benchmarkName, string resnetOnnxPath, string command, CancellationToken ct)
    {
        torch.set_num_threads(settings.Demo.Threads);
        using var prepared = PreparedBackbone.Prepare(benchmarkRoot, resnetOnnxPath, settings.Demo, logger, ct);
        using var context = new BaselineContext(prepared, settings, logger);
        string key = SettingsKey(prepared.EncoderPath);
        var rows = new List<MethodSummary>();
        var records = new List<RunRecord>();
        foreach (var method in settings.Methods.Select(BaselineCatalog.Get))
        {
            var runs = new List<RunRecord>();
            foreach (int seed in settings.SeedsFor(method))
            {
                string path = RunRecord.PathFor(settings.OutputFolder, method.Name, seed);
                var record = RunRecord.TryRead(path, method.Name, seed, key);
                if (record is null)
                {
                    logger.LogInformation("Running {Method} with seed {Seed}", method.Name, seed);
                    var run = method.Run(context, seed, ct);
                    record = RunRecord.From(run, StyleErrors.Analyse(context.TestImages, run.Embeddings, run.Dim), key);
                    record.Write(path);
                }
                else
                {
                    logger.LogInformation("Reusing {Path}", path);
                }
                logger.LogInformation("{Method} seed {Seed}: unified R@1 {Unified:P2}, harmonic mean {Harmonic:P2}, {Seconds:F0} s", method.Name, seed,
                    record.UnifiedRecallAt1, record.HarmonicMean ?? double.NaN, record.Seconds);
                runs.Add(record);
            }
            rows.Add(MethodSummary.Of(method, runs));
            records.AddRange(runs);
        }

        // The table lists rows in catalog order (baselines, then ablations and PUMA), whatever order they ran in.
        rows = rows.OrderBy(r => BaselineCatalog.Names.ToList().IndexOf(r.Method)).ToList();
        string markdown = Path.Combine(settings.OutputFolder, MarkdownName);
        string chart = Path.Combine(settings.OutputFolder, ChartName);
        string json = Path.Combine(settings.OutputFolder, JsonName);
        BaselineChart.Save(chart, $"{benchmarkName}: PUMA and its baselines", rows);
        WriteAtomically(markdown, BaselineReport.Markdown(benchmarkName, settings, rows, ChartName, command));
        WriteAtomically(json, JsonSerializer.Serialize(new BaselinesDocument(benchmarkName, command, key, Environment.ProcessorCount, records),
            new JsonSerializerOptions { WriteIndented = true }));
        return new BaselineOutcome(rows, markdown, chart, json);
    }

    /// <summary>Everything a run's figures depend on besides method and seed.</summary>
    public string SettingsKey(string encoderPath) => string.Create(CultureInfo.InvariantCulture,
        $"{Path.GetFileNameWithoutExtension(encoderPath)}|e{settings.Epochs}|b{settings.BatchSize}|lr{settings.LearningRate:R}|ft{settings.FineTuneMultiplier:R}|v{settings.ValidationFraction:R}|every{settings.EvaluateEvery}|px{settings.PixelSize}|r{settings.Demo.AdapterBottleneck}|e{settings.Demo.EmbeddingDim}");

    private static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path + ".tmp", text);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}

/// <summary><c>baselines.json</c>: every run's figures.</summary>
internal sealed record BaselinesDocument(
    [property: JsonPropertyName("benchmark")] string Benchmark,
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("settings")] string Settings,
    [property: JsonPropertyName("processor_count")] int ProcessorCount,
    [property: JsonPropertyName("runs")] IReadOnlyList<RunRecord> Runs);
