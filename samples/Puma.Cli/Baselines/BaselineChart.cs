using ScottPlot;

namespace Puma.Cli.Baselines;

/// <summary>The PNG of <c>baselines.png</c>: unified Recall@1 and harmonic mean per method, with the seed spread as error bars.</summary>
internal static class BaselineChart
{
    public static void Save(string path, string title, IReadOnlyList<MethodSummary> rows)
    {
        var plot = new Plot();
        var unifiedColor = Color.FromHex("#1f77b4");
        var harmonicColor = Color.FromHex("#ff7f0e");
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (int i = 0; i < rows.Count; i++)
        {
            double center = 3 * i;
            bars.Add(Bar(center - 0.5, rows[i].Unified, unifiedColor));
            bars.Add(Bar(center + 0.5, rows[i].HarmonicMean, harmonicColor));
            ticks.Add(new Tick(center, rows[i].Method));
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.Axes.SetLimitsY(0, 100);
        plot.YLabel("Recall@1 (%)");
        plot.Title(title);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "unified R@1", FillColor = unifiedColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "harmonic mean of per-dataset R@1", FillColor = harmonicColor });
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temporary = path + ".tmp.png";
        plot.SavePng(temporary, Math.Max(640, 90 * rows.Count), 480);
        File.Move(temporary, path, overwrite: true);
    }

    private static Bar Bar(double position, Spread value, Color color) => new()
    {
        Position = position,
        Value = value.Count == 0 ? 0 : 100 * value.Mean,
        Error = value.Count > 1 ? 100 * value.StandardDeviation : 0,
        FillColor = color,
        Size = 0.9,
    };
}
