using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// Freedesktop icons drawn by eight Debian icon themes (photo-real Oxygen, Tango, flat Papirus, line-art Breeze, …).
/// The class is an icon concept: names drawn with the identical file in some theme are merged into one alias group
/// (<see cref="IconAliasGroups"/>), named after its most common member. Only groups drawn by at least
/// <see cref="MinThemes"/> themes are kept. Mime-type, symbolic, cursor and animation icons are left out.
/// For each theme and name the largest suitable file is used (<see cref="IconFile.Preference"/>); SVG files are
/// rendered with Svg.Skia.
/// </summary>
internal sealed class IconSet : IBenchmarkSet
{
    /// <summary>Fewest themes that must draw a class.</summary>
    public const int MinThemes = 3;

    /// <summary>(package, theme folder inside the package, style name).</summary>
    private static readonly (string Package, string Folder, string Style)[] Themes =
    [
        ("tango-icon-theme", "usr/share/icons/Tango/", "tango"),
        ("oxygen-icon-theme", "usr/share/icons/oxygen/base/", "oxygen"),
        ("adwaita-icon-theme", "usr/share/icons/Adwaita/", "adwaita"),
        ("faenza-icon-theme", "usr/share/icons/Faenza/", "faenza"),
        ("papirus-icon-theme", "usr/share/icons/Papirus/", "papirus"),
        ("breeze-icon-theme", "usr/share/icons/breeze/", "breeze"),
        ("numix-icon-theme", "usr/share/icons/Numix/", "numix"),
        ("yaru-theme-icon", "usr/share/icons/Yaru/", "yaru"),
    ];

    /// <inheritdoc/>
    public string Name => "icons";

    /// <inheritdoc/>
    public SplitSizes Sizes { get; } = new(0, 120, 100);

    /// <inheritdoc/>
    public bool HasStyleAxis => true;

    /// <inheritdoc/>
    public IReadOnlyList<PackageSource> Packages { get; } = Themes
        .Select(t => PackageSource.Deb(t.Package, t.Folder, $"usr/share/doc/{t.Package}/"))
        .ToList();

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>> CollectAsync(PackageCache cache, ILogger logger, CancellationToken ct)
    {
        var chosen = new Dictionary<string, IReadOnlyDictionary<string, IconFile>>(StringComparer.Ordinal);
        var triples = new List<(string Theme, string Name, string ImageHash)>();
        for (int i = 0; i < Themes.Length; i++)
        {
            var (_, folder, theme) = Themes[i];
            string root = Path.Combine(cache.UnpackedPath(Packages[i]), folder);
            var best = BestFiles(root);
            chosen[theme] = best;
            var hashes = await Task.Run(() => best.AsParallel().WithCancellation(ct)
                .Select(p => (p.Key, Hash: HashOf(p.Value.Path))).Where(p => p.Hash is not null).ToList(), ct).ConfigureAwait(false);
            triples.AddRange(hashes.Select(h => (theme, h.Key, h.Hash!)));
            logger.LogInformation("icons: {Theme} has {Count} usable icon names", theme, hashes.Count);
        }
        var groups = IconAliasGroups.Build(triples);
        var recipes = new Dictionary<string, IReadOnlyList<ImageRecipe>>(StringComparer.Ordinal);
        foreach (IconGroup group in groups.Where(g => g.ImageNameByTheme.Count >= MinThemes))
        {
            recipes[group.Representative] = group.ImageNameByTheme
                .Select(t => Recipe(t.Key, chosen[t.Key][t.Value]))
                .ToList();
        }
        logger.LogInformation("icons: {Groups} alias groups, {Kept} drawn by at least {Min} themes", groups.Count, recipes.Count, MinThemes);
        return recipes;
    }

    private static ImageRecipe Recipe(string theme, IconFile file) => new(theme, _ => Task.FromResult(
        file.IsSvg ? SvgRaster.RenderFile(file.Path) : PngSource.Render(file.Path)));

    /// <summary>For each icon name of a theme folder, its most suitable file (symbolic links followed; linked folders skipped).</summary>
    private static Dictionary<string, IconFile> BestFiles(string root)
    {
        var best = new Dictionary<string, IconFile>(StringComparer.Ordinal);
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            foreach (string sub in Directory.EnumerateDirectories(dir))
            {
                if (new DirectoryInfo(sub).LinkTarget is null)
                {
                    pending.Push(sub);
                }
            }
            foreach (string path in Directory.EnumerateFiles(dir))
            {
                string relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
                if (IconPath.Parse(relative, path) is not { Preference: > 0 } icon || !File.Exists(path))
                {
                    continue;
                }
                if (!best.TryGetValue(icon.Name, out var current) || Better(icon, current))
                {
                    best[icon.Name] = icon;
                }
            }
        }
        return best;
    }

    private static bool Better(IconFile a, IconFile b) =>
        a.Preference != b.Preference ? a.Preference > b.Preference : string.CompareOrdinal(a.Path, b.Path) < 0;

    private static string? HashOf(string path)
    {
        try
        {
            return Convert.ToHexString(SHA1.HashData(File.ReadAllBytes(path)));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
