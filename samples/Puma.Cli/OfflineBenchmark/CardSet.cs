using System.IO.Compression;
using Microsoft.Extensions.Logging;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// The 52 playing cards (class = rank and suit, e.g. <c>queen_heart</c>), one style per deck: the 16 SVG decks of
/// KDE's card data, each card rendered alone by its element id with Svg.Skia, plus the "bordered" and "simple"
/// PNG decks of OpenClipart. OpenClipart's "ornamental" and "white" decks are left out: they are the same
/// drawings as KDE's <c>nicu-ornamental</c> and <c>nicu-white</c>.
/// </summary>
internal sealed class CardSet : IBenchmarkSet
{
    private const string KdePackage = "kdegames-card-data-kf5";
    private const string ClipartPackage = "openclipart-png";
    private const string KdeDecks = "usr/share/carddecks/";
    private const string ClipartDecks = "usr/share/openclipart/png/recreation/games/cards/";
    private static readonly string[] ClipartDeckNames = ["bordered", "simple"];

    private static readonly string[] Ranks = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "jack", "queen", "king"];
    private static readonly string[] Suits = ["club", "diamond", "heart", "spade"];

    /// <inheritdoc/>
    public string Name => "cards";

    /// <inheritdoc/>
    public SplitSizes Sizes { get; } = new(0, 20, 20);

    /// <inheritdoc/>
    public bool HasStyleAxis => true;

    /// <inheritdoc/>
    public IReadOnlyList<PackageSource> Packages { get; } =
    [
        PackageSource.Deb(KdePackage, KdeDecks, $"usr/share/doc/{KdePackage}/"),
        PackageSource.Deb(ClipartPackage, [.. ClipartDeckNames.Select(d => ClipartDecks + d + "/"), $"usr/share/doc/{ClipartPackage}/"]),
    ];

    /// <summary>Every class name: <c>{1..10,jack,queen,king}_{club,diamond,heart,spade}</c>.</summary>
    public static IEnumerable<string> CardIds => Ranks.SelectMany(r => Suits.Select(s => $"{r}_{s}"));

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>> CollectAsync(PackageCache cache, ILogger logger, CancellationToken ct)
    {
        var recipes = CardIds.ToDictionary(c => c, _ => new List<ImageRecipe>(), StringComparer.Ordinal);
        string kde = Path.Combine(cache.UnpackedPath(Packages[0]), KdeDecks);
        foreach (string folder in Directory.EnumerateDirectories(kde, "svg-*").Order(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            string? file = Directory.EnumerateFiles(folder, "*.svgz").Order(StringComparer.Ordinal).FirstOrDefault();
            if (file is null)
            {
                continue;
            }
            string style = "kde-" + Path.GetFileName(folder)[4..];
            string text = ReadGzipText(file);
            var renderer = new SvgElementRenderer(file);
            int found = 0;
            foreach (string id in CardIds.Where(id => text.Contains($"id=\"{id}\"", StringComparison.Ordinal)))
            {
                found++;
                recipes[id].Add(new ImageRecipe(style, _ => Task.FromResult(renderer.Render(id))));
            }
            logger.LogInformation("cards: {Style} has {Found} of 52 cards", style, found);
        }
        string clipart = Path.Combine(cache.UnpackedPath(Packages[1]), ClipartDecks);
        foreach (string deck in ClipartDeckNames)
        {
            foreach (string id in CardIds)
            {
                string path = Path.Combine(clipart, deck, $"{deck}_{ClipartName(id)}.png");
                if (File.Exists(path))
                {
                    recipes[id].Add(new ImageRecipe("openclipart-" + deck, _ => Task.FromResult(PngSource.Render(path))));
                }
            }
        }
        IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>> result = recipes
            .ToDictionary(r => r.Key, r => (IReadOnlyList<ImageRecipe>)r.Value, StringComparer.Ordinal);
        return Task.FromResult(result);
    }

    /// <summary>"queen_heart" → "h_q", "10_spade" → "s_10", "1_club" → "c_a" (OpenClipart's file names).</summary>
    public static string ClipartName(string id)
    {
        string[] parts = id.Split('_');
        string rank = parts[0] switch { "1" => "a", "jack" => "j", "queen" => "q", "king" => "k", var r => r };
        return $"{parts[1][0]}_{rank}";
    }

    private static string ReadGzipText(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
