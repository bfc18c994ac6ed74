using Puma.Training;
using ScottPlot;

namespace Puma.Cli.Pictures;

/// <summary><c>training-curves.png</c>: mean training loss per epoch and, when the run validated, validation unified Recall@1.</summary>
internal static class TrainingCurves
{
    public const string FileName = "training-curves.png";

    public static void Save(string path, TrainingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.EpochLosses.Count == 0) throw new ArgumentException("The training report has no epoch.", nameof(report));
        var plot = new Plot();
        double[] epochs = Enumerable.Range(1, report.EpochLosses.Count).Select(e => (double)e).ToArray();
        var loss = plot.Add.Scatter(epochs, report.EpochLosses.ToArray());
        loss.LegendText = "mean training loss";
        plot.Axes.Left.Label.Text = "loss";
        plot.Axes.Bottom.Label.Text = "epoch";
        if (report.Validations.Count > 0)
        {
            var recall = plot.Add.Scatter(report.Validations.Select(v => (double)v.Epoch).ToArray(),
                report.Validations.Select(v => 100 * v.Score).ToArray());
            recall.Axes.YAxis = plot.Axes.Right;
            recall.LegendText = "validation unified R@1 (%)";
            plot.Axes.Right.Label.Text = "validation unified R@1 (%)";
            if (report.SelectedEpoch is int selected)
            {
                var line = plot.Add.VerticalLine(selected);
                line.LinePattern = LinePattern.Dashed;
                line.LegendText = $"kept: epoch {selected}";
            }
        }
        plot.Title("PUMA training");
        plot.ShowLegend(Edge.Bottom);
        PngFile.Save(plot, path, 720, 460);
    }
}
