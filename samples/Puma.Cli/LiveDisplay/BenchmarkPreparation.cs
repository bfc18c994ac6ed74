using Microsoft.Extensions.Logging;
using Puma.Cli.OfflineBenchmark;

namespace Puma.Cli.LiveDisplay;

/// <summary>
/// Makes sure the offline benchmark is prepared, with a bar for the package download and one per dataset being
/// rendered; an already prepared benchmark is returned at once, without any display.
/// </summary>
internal static class BenchmarkPreparation
{
    public static async Task<BenchmarkManifest> EnsureAsync(string cacheRoot, ILogger logger, CancellationToken ct)
    {
        string root = Path.Combine(Path.GetFullPath(cacheRoot), OfflineBenchmarkPreparer.FolderName);
        if (BenchmarkManifest.TryLoad(root) is { } ready) return ready;
        return await LiveProgress.RunAsync(logger, (tracker, log) => OfflineBenchmarkPreparer.PrepareAsync(cacheRoot, log,
            tracker.For<PreparationProgress>((t, p) => t.Report(p.Stage, p.Done, p.Total, p.Step)), ct)).ConfigureAwait(false);
    }
}
