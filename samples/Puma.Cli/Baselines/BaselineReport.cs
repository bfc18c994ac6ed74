using System.Globalization;
using System.Text;

namespace Puma.Cli.Baselines;

/// <summary>
/// The Markdown of <c>baselines.md</c>: the results table (mean ± sample std over seeds), the error analysis, PUMA
/// against every other row, and, stated plainly, every comparison PUMA does not win.
/// </summary>
internal static class BaselineReport
{
    public const string Reference = "puma";

    public static string Markdown(string benchmark, BaselineSettings settings, IReadOnlyList<MethodSummary> rows, string chartFile, string command)
    {
        var text = new StringBuilder();
        var datasets = rows[0].RecallAt1.Keys.ToList();
        text.AppendLine(Invariant($"Benchmark `{benchmark}`, class-disjoint test split; every trained row: {settings.Epochs} epochs, batch {settings.BatchSize}, base rate {settings.LearningRate:g3}, cosine decay, model selection every {settings.EvaluateEvery} epochs on {100 * settings.ValidationFraction:F0} % of each dataset's training classes held out (never the test split). Figures are Recall@1 in %, mean ± sample standard deviation over the seeds listed."));
        text.AppendLine();
        text.AppendLine(Invariant($"Regenerate: `{command}`"));
        text.AppendLine();
        text.Append("| method | seeds | ").Append(string.Join(" | ", datasets)).AppendLine(" | unified R@1 | harmonic mean | trainable parameters | wall time per run |");
        text.Append("|---|---|").Append(string.Concat(datasets.Select(_ => "---:|"))).AppendLine("---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.Append(Invariant($"| {row.Method} | {string.Join(",", row.Seeds)} | "));
            text.Append(string.Join(" | ", datasets.Select(d => row.RecallAt1.TryGetValue(d, out var s) ? s.Percent() : "n/a")));
            text.AppendLine(Invariant($" | {row.Unified.Percent()} | {row.HarmonicMean.Percent()} | {row.TrainableParameters:N0} | {Duration(row.MeanSeconds)} |"));
        }
        text.AppendLine();
        text.AppendLine(Invariant($"![Unified Recall@1 and harmonic mean per method]({chartFile})"));
        text.AppendLine();
        text.AppendLine("Rows:");
        foreach (var row in rows) text.AppendLine(Invariant($"- `{row.Method}`: {row.Description}."));
        text.AppendLine();
        AppendErrors(text, rows);
        AppendComparisons(text, rows);
        return text.ToString();
    }

    private static void AppendErrors(StringBuilder text, IReadOnlyList<MethodSummary> rows)
    {
        text.AppendLine("### Where the errors are");
        text.AppendLine();
        text.AppendLine("Of the test images whose nearest neighbour in the merged gallery has another label: the share whose wrong neighbour has the query's own style (same deck, icon theme, emoji vendor or font; datasets with a style axis only), and the share whose wrong neighbour comes from another dataset.");
        text.AppendLine();
        text.AppendLine("| method | wrong neighbour in the query's style | wrong neighbour from another dataset |");
        text.AppendLine("|---|---:|---:|");
        foreach (var row in rows) text.AppendLine(Invariant($"| {row.Method} | {row.SameStyleShare.Percent()} | {row.OtherDatasetShare.Percent()} |"));
        text.AppendLine();
    }

    private static void AppendComparisons(StringBuilder text, IReadOnlyList<MethodSummary> rows)
    {
        var puma = rows.FirstOrDefault(r => r.Method == Reference);
        if (puma is null) return;
        text.AppendLine("### PUMA against every other row");
        text.AppendLine();
        text.AppendLine("Δ = PUMA − row, in points. \"Within the spread\" when |Δ| is not larger than the larger of the two seed standard deviations (the one that exists when a side ran a single seed; 0.5 points when both did).");
        text.AppendLine();
        text.AppendLine("| row | Δ unified R@1 | Δ harmonic mean | verdict |");
        text.AppendLine("|---|---:|---:|---|");
        var plain = new List<string>();
        foreach (var row in rows.Where(r => r.Method != Reference))
        {
            var unified = Verdict(puma.Unified, row.Unified);
            var harmonic = Verdict(puma.HarmonicMean, row.HarmonicMean);
            text.AppendLine(Invariant($"| {row.Method} | {Delta(puma.Unified, row.Unified)} | {Delta(puma.HarmonicMean, row.HarmonicMean)} | unified: {unified}; harmonic mean: {harmonic} |"));
            if (unified != "PUMA ahead") plain.Add(Invariant($"- PUMA does not beat `{row.Method}` on unified R@1: {puma.Unified.Percent()} vs {row.Unified.Percent()} ({unified})."));
            if (harmonic != "PUMA ahead") plain.Add(Invariant($"- PUMA does not beat `{row.Method}` on the harmonic mean: {puma.HarmonicMean.Percent()} vs {row.HarmonicMean.Percent()} ({harmonic})."));
        }
        text.AppendLine();
        text.AppendLine("### Comparisons PUMA does not win");
        text.AppendLine();
        if (plain.Count == 0) text.AppendLine("None: PUMA is ahead of every other row on both figures, by more than the seed spread.");
        foreach (var line in plain) text.AppendLine(line);
        text.AppendLine();
    }

    /// <summary>"PUMA ahead", "row ahead" or "within the spread" (see the table's note).</summary>
    public static string Verdict(Spread puma, Spread row)
    {
        if (puma.Count == 0 || row.Count == 0) return "undefined";
        double delta = puma.Mean - row.Mean;
        double spread = puma.Count > 1 && row.Count > 1 ? Math.Max(puma.StandardDeviation, row.StandardDeviation)
            : puma.Count > 1 ? puma.StandardDeviation : row.Count > 1 ? row.StandardDeviation : 0.005;
        return Math.Abs(delta) <= spread ? "within the spread" : delta > 0 ? "PUMA ahead" : "row ahead";
    }

    private static string Delta(Spread puma, Spread row) =>
        puma.Count == 0 || row.Count == 0 ? "n/a" : (100 * (puma.Mean - row.Mean)).ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture);

    private static string Duration(double seconds) =>
        seconds < 60 ? Invariant($"{seconds:F0} s") : Invariant($"{(int)(seconds / 60)} min {seconds % 60:F0} s");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
