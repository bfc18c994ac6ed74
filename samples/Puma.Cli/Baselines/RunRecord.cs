using System.Text.Json;
using System.Text.Json.Serialization;

namespace Puma.Cli.Baselines;

/// <summary>
/// What is kept of one <see cref="MethodRun"/>: its figures and error analysis, written to
/// <c>runs/&lt;method&gt;-seed&lt;k&gt;.json</c> as soon as the run ends, so that an interrupted <c>puma benchmark</c> resumes
/// where it stopped. Undefined metrics (NaN) are null.
/// </summary>
internal sealed record RunRecord(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("recall_at_1")] IReadOnlyDictionary<string, double?> RecallAt1,
    [property: JsonPropertyName("unified_recall_at")] IReadOnlyDictionary<string, double?> UnifiedRecallAt,
    [property: JsonPropertyName("harmonic_mean_recall_at_1")] double? HarmonicMean,
    [property: JsonPropertyName("trainable_parameters")] long TrainableParameters,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("selected_epochs")] IReadOnlyList<int?> SelectedEpochs,
    [property: JsonPropertyName("style_errors")] StyleErrors StyleErrors)
{
    public const string Format = "puma-benchmark-run-v1";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    [JsonPropertyName("format")] public string FormatTag { get; init; } = Format;

    /// <summary>The settings and encoder the run was made with (<see cref="BaselineRunner.SettingsKey"/>); other settings rerun it.</summary>
    [JsonPropertyName("settings")] public string Settings { get; init; } = "";

    /// <summary>Unified Recall@1 (NaN when undefined).</summary>
    [JsonIgnore] public double UnifiedRecallAt1 => UnifiedRecallAt.TryGetValue("1", out var v) && v is double d ? d : double.NaN;

    public static RunRecord From(MethodRun run, StyleErrors errors, string settings) => new(
        run.Method,
        run.Seed,
        run.Report.Datasets.ToDictionary(d => d.Name, d => Defined(d.Metrics.RecallAt1)),
        run.Report.Unified.RecallAt.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => Defined(p.Value)),
        Defined(run.Report.HarmonicMeanRecallAt1),
        run.TrainableParameters,
        Math.Round(run.Seconds, 1),
        run.SelectedEpochs,
        errors) { Settings = settings };

    public static string PathFor(string outputFolder, string method, int seed) => Path.Combine(outputFolder, "runs", $"{method}-seed{seed}.json");

    /// <summary>Writes to a temporary file, then renames it into place.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The record at <paramref name="path"/>, or null when it is missing, unreadable or of another method, seed, settings or format.</summary>
    public static RunRecord? TryRead(string path, string method, int seed, string settings)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var record = JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path));
            return record is { FormatTag: Format, RecallAt1: not null, UnifiedRecallAt: not null, StyleErrors: not null }
                   && record.Method == method && record.Seed == seed && record.Settings == settings ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double? Defined(double value) => double.IsFinite(value) ? value : null;
}
