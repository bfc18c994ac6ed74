using Puma.Evaluation;
using ScottPlot;

namespace Puma.Cli.Pictures;

/// <summary><c>recall-bars.png</c>: Recall@1 per dataset, unified and harmonic mean, one bar per method and group.</summary>
internal static class RecallBars
{
    public const string FileName = "recall-bars.png";

    private static readonly Color[] Palette = [Color.FromHex("#7f7f7f"), Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c")];

    public static void Save(string path, IReadOnlyList<(string Method, RetrievalReport Report)> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("No run to draw.", nameof(runs));
        var groups = runs[0].Report.Datasets.Select(d => d.Name).Append("unified").Append("harmonic mean").ToList();
        var plot = new Plot();
        var bars = new List<Bar>();
        double width = 0.8 / runs.Count;
        for (int m = 0; m < runs.Count; m++)
        {
            var values = runs[m].Report.Datasets.Select(d => d.Metrics.RecallAt1)
                .Append(runs[m].Report.Unified.RecallAt1).Append(runs[m].Report.HarmonicMeanRecallAt1).ToList();
            for (int g = 0; g < groups.Count; g++)
                bars.Add(new Bar { Position = g - 0.4 + width * (m + 0.5), Value = double.IsFinite(values[g]) ? 100 * values[g] : 0, Size = width * 0.95,
                    FillColor = Palette[m % Palette.Length] });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = runs[m].Method, FillColor = Palette[m % Palette.Length] });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(groups.Select((g, i) => new Tick(i, g)).ToArray());
        plot.Axes.SetLimitsY(0, 100);
        plot.YLabel("Recall@1 (%)");
        plot.Title("Recall@1 on the test split");
        plot.ShowLegend(Alignment.UpperRight);
        PngFile.Save(plot, path, Math.Max(640, 110 * groups.Count), 420);
    }
}
