using System.Globalization;
using Puma.Evaluation;
using Spectre.Console;

namespace Puma.Cli.Demo;

/// <summary>Prints Recall@1 per dataset, unified Recall@1/2/4/8 and the harmonic mean, one column per method.</summary>
internal static class ResultsTable
{
    public static void Print(IReadOnlyList<(string Method, RetrievalReport Report)> runs)
    {
        var table = new Table().Title("Recall@K (class-disjoint test split)").AddColumn("metric");
        foreach (var (method, _) in runs) table.AddColumn(new TableColumn(method).RightAligned());
        foreach (var dataset in runs[0].Report.Datasets.Select(d => d.Name))
        {
            table.AddRow(new[] { $"{dataset} R@1 ({runs[0].Report.Datasets.First(d => d.Name == dataset).Metrics.Queries} queries)" }
                .Concat(runs.Select(r => Percent(r.Report.Datasets.First(d => d.Name == dataset).Metrics.RecallAt1))).ToArray());
        }
        foreach (int k in runs[0].Report.Unified.RecallAt.Keys)
            table.AddRow(new[] { $"unified R@{k}" }.Concat(runs.Select(r => Percent(r.Report.Unified.RecallAt[k]))).ToArray());
        table.AddRow(new[] { "harmonic mean R@1" }.Concat(runs.Select(r => Percent(r.Report.HarmonicMeanRecallAt1))).ToArray());
        AnsiConsole.Write(table);
    }

    private static string Percent(double value) => double.IsNaN(value) ? "n/a" : (100 * value).ToString("F2", CultureInfo.InvariantCulture);
}
