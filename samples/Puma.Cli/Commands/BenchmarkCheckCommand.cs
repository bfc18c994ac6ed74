using System.CommandLine;
using System.Globalization;
using Puma.Data.Benchmarks;
using Spectre.Console;

namespace Puma.Cli.Commands;

/// <summary>
/// <c>puma benchmark-check --root DIR</c>: reads the eight datasets of the real PUMA benchmark from their official
/// files under one root and prints, per dataset and split, the classes and images found against the expected counts.
/// Exit code 0 only when every dataset is found and every count matches; 1 otherwise.
/// </summary>
internal static class BenchmarkCheckCommand
{
    public static Command Create()
    {
        var root = new Option<string>("--root")
        {
            Description = "Folder holding CUB_200_2011, cars196, Stanford_Online_Products, Inshop_Clothes, nabirds, dogs, flowers, fgvc-aircraft-2013b.",
            Required = true,
        };
        var command = new Command("benchmark-check", "Check the eight datasets of the PUMA benchmark (official layouts) against the expected split sizes.") { root };
        command.SetAction(result => Run(result.GetValue(root)!, PumaBenchmark.Datasets, AnsiConsole.Console));
        return command;
    }

    /// <summary>Runs the check and prints the table to <paramref name="console"/>; returns the exit code.</summary>
    internal static int Run(string root, IReadOnlyList<BenchmarkEntry> datasets, IAnsiConsole console)
    {
        BenchmarkCheckReport report = BenchmarkCheck.Run(root, datasets);
        var table = new Table().Title($"PUMA benchmark under {Markup.Escape(report.Root)}")
            .AddColumn("dataset").AddColumn("folder").AddColumn("split")
            .AddColumn(new TableColumn("classes / expected").RightAligned())
            .AddColumn(new TableColumn("images / expected").RightAligned())
            .AddColumn("status");
        foreach (DatasetCheck dataset in report.Datasets)
        {
            string name = Markup.Escape(dataset.Entry.Name);
            string folder = Markup.Escape(dataset.Entry.Folder);
            switch (dataset.Status)
            {
                case DatasetStatus.Missing:
                    table.AddRow(name, folder, "", "", "", "[red]missing[/]");
                    continue;
                case DatasetStatus.Error:
                    table.AddRow(name, folder, "", "", "", "[red]error[/]");
                    continue;
            }
            foreach (SplitCheck split in dataset.Splits)
            {
                table.AddRow(name, folder, split.Split,
                    $"{Count(split.Classes)} / {split.Expected.Classes}",
                    $"{Count(split.Images)} / {split.Expected.Images}",
                    split.Matches ? "[green]ok[/]" : "[yellow]mismatch[/]");
                name = folder = "";
            }
        }
        console.Write(table);
        foreach (DatasetCheck dataset in report.Datasets.Where(d => d.Status == DatasetStatus.Error))
        {
            console.MarkupLineInterpolated($"[red]{dataset.Entry.Name}[/] ({dataset.Entry.OfficialName}): {dataset.Error}");
        }
        int ok = report.Datasets.Count(d => d.Status == DatasetStatus.Ok);
        console.MarkupLineInterpolated($"{ok} of {report.Datasets.Count} datasets match the expected counts.");
        return report.AllMatch ? 0 : 1;
    }

    private static string Count(int? value) => value is int v ? v.ToString("N0", CultureInfo.InvariantCulture) : "-";
}
