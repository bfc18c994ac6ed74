using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Puma.Evaluation;

namespace Puma.Cli.Demo;

/// <summary>The <c>results.json</c> written by the demo (schema in README).</summary>
internal sealed record ResultsDocument(
    [property: JsonPropertyName("benchmark")] string Benchmark,
    [property: JsonPropertyName("backbone")] string Backbone,
    [property: JsonPropertyName("trainable_parameters")] long TrainableParameters,
    [property: JsonPropertyName("frozen_parameters")] long FrozenParameters,
    [property: JsonPropertyName("wall_seconds")] double WallSeconds,
    [property: JsonPropertyName("runs")] IReadOnlyList<RunResult> Runs)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Model selection on a validation split, when the run did it.</summary>
    [JsonPropertyName("model_selection")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SelectionResult? Selection { get; init; }

    /// <summary>Writes the document to a temporary file, then renames it over <paramref name="path"/>.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>One evaluated method. A metric that is undefined (NaN: no query could be scored) is written as <c>null</c>.</summary>
internal sealed record RunResult(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("datasets")] IReadOnlyList<DatasetResult> Datasets,
    [property: JsonPropertyName("unified_recall_at")] IReadOnlyDictionary<string, double?> UnifiedRecallAt,
    [property: JsonPropertyName("harmonic_mean_recall_at_1")] double? HarmonicMeanRecallAt1)
{
    public static RunResult From(string method, RetrievalReport report) => new(
        method,
        report.Datasets.Select(d => new DatasetResult(d.Name, d.Metrics.Queries, Recall(d.Metrics))).ToList(),
        Recall(report.Unified),
        Defined(report.HarmonicMeanRecallAt1));

    private static IReadOnlyDictionary<string, double?> Recall(RetrievalMetrics metrics) =>
        metrics.RecallAt.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => Defined(p.Value));

    private static double? Defined(double value) => double.IsFinite(value) ? value : null;
}

/// <summary>Per-dataset retrieval of one method.</summary>
internal sealed record DatasetResult(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("queries")] int Queries,
    [property: JsonPropertyName("recall_at")] IReadOnlyDictionary<string, double?> RecallAt);

/// <summary>Which epoch model selection kept and every validation score (<c>model_selection</c> in results.json).</summary>
internal sealed record SelectionResult(
    [property: JsonPropertyName("selected_epoch")] int? SelectedEpoch,
    [property: JsonPropertyName("validations")] IReadOnlyList<ValidationScore> Validations)
{
    /// <summary>The selection of <paramref name="report"/>, or null when it validated nothing.</summary>
    public static SelectionResult? From(Puma.Training.TrainingReport report) => report.Validations.Count == 0
        ? null
        : new SelectionResult(report.SelectedEpoch, report.Validations.Select(v => new ValidationScore(v.Epoch, double.IsFinite(v.Score) ? v.Score : null)).ToList());
}

/// <summary>One validation: the epoch after which it ran and the selected figure (null when undefined).</summary>
internal sealed record ValidationScore(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("score")] double? Score);
