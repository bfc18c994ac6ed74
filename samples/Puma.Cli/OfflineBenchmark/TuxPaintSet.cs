using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Puma.Data;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// Tux Paint's rubber stamps (Debian <c>tuxpaint-stamps-default</c>, GPL-2): photographs cut out with alpha and
/// drawings of objects, labelled by their category folder (<c>animals/birds</c>, <c>food/fruit</c>,
/// <c>household/tools</c>, …). Folders that only name a drawing style (<see cref="StyleFolders"/>) join their parent
/// (<c>food/fruit/cartoon</c> → <c>food/fruit</c>, <c>symbols/alphabets/english/filled/lowercase</c> →
/// <c>symbols/alphabets/english/lowercase</c>). Tux Paint's pre-drawn <c>_mirror</c> / <c>_flip</c> variants
/// are left out, and so is a PNG that has an SVG of the same name beside it (its raster fallback). The same file in
/// two folders keeps its deepest one. Categories with at least <see cref="MinImagesPerClass"/> stamps are kept, at
/// most <see cref="MaxImagesPerClass"/> each (the first by content hash). No style axis: photos and drawings are
/// mixed within folders and nothing in the package tells them apart reliably, so images are named by stamp id.
/// </summary>
internal sealed class TuxPaintSet : IBenchmarkSet
{
    /// <summary>Debian package of the stamps.</summary>
    public const string Package = "tuxpaint-stamps-default";

    /// <summary>Folder of the stamps inside the package.</summary>
    public const string Root = "usr/share/tuxpaint/stamps/";

    /// <summary>
    /// Folder names that tell how a stamp is drawn, not what it shows: a cartoon fruit is a fruit, a filled "a" and an
    /// outlined "a" are both lower-case letters. Such a folder joins its parent's category.
    /// </summary>
    public static IReadOnlyList<string> StyleFolders { get; } = ["cartoon", "filled", "outlined"];

    /// <summary>Fewest usable stamps a category needs.</summary>
    public const int MinImagesPerClass = 3;

    /// <summary>Most stamps taken from a category, so the big ones (town/houses) do not dominate.</summary>
    public const int MaxImagesPerClass = 20;

    /// <inheritdoc/>
    public string Name => "tuxpaint";

    /// <inheritdoc/>
    public SplitSizes Sizes { get; } = new(0, 41, 40);

    /// <inheritdoc/>
    public bool HasStyleAxis => false;

    /// <inheritdoc/>
    public IReadOnlyList<PackageSource> Packages { get; } = [StampsPackage];

    /// <summary>The stamp images of the package (the sounds and descriptions are not unpacked).</summary>
    public static PackageSource StampsPackage { get; } = PackageSource.Deb(Package, Root, $"usr/share/doc/{Package}/");

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>> CollectAsync(PackageCache cache, ILogger logger, CancellationToken ct)
    {
        var stamps = Stamps(Path.Combine(cache.UnpackedPath(StampsPackage), Root), ct);
        var recipes = stamps
            .GroupBy(s => s.Category, StringComparer.Ordinal)
            .Where(g => g.Count() >= MinImagesPerClass)
            .ToDictionary(
                g => ClipartSet.ClassName(g.Key),
                g => Recipes(g.OrderBy(s => s.Hash, StringComparer.Ordinal).Take(MaxImagesPerClass)),
                StringComparer.Ordinal);
        logger.LogInformation("tuxpaint: {Classes} categories with at least {Min} stamps ({Images} used of {Stamps} distinct stamps)",
            recipes.Count, MinImagesPerClass, recipes.Values.Sum(r => r.Count), stamps.Count);
        return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>>(recipes);
    }

    /// <summary>One distinct stamp: its category (folder, <c>cartoon</c> merged into the parent), file and content hash.</summary>
    public sealed record Stamp(string Category, string Path, string Hash);

    /// <summary>
    /// Every distinct stamp image under <paramref name="root"/> (PNG and SVG), each with its deepest category, in
    /// ordinal path order.
    /// </summary>
    public static IReadOnlyList<Stamp> Stamps(string root, CancellationToken ct)
    {
        var deepest = new Dictionary<string, (string Folder, string Path)>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            string folder = System.IO.Path.GetRelativePath(root, System.IO.Path.GetDirectoryName(file)!).Replace('\\', '/');
            if (folder == "." || !IsStampImage(file))
            {
                continue;
            }
            string hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
            if (!deepest.TryGetValue(hash, out var known) || Depth(folder) > Depth(known.Folder))
            {
                deepest[hash] = (folder, file);
            }
        }
        return deepest
            .Select(d => new Stamp(Category(d.Value.Folder), d.Value.Path, d.Key))
            .OrderBy(s => s.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The folder without the segments that name a drawing style (<see cref="StyleFolders"/>): "food/fruit/cartoon" →
    /// "food/fruit", "symbols/alphabets/english/filled/lowercase" → "symbols/alphabets/english/lowercase".
    /// </summary>
    public static string Category(string folder) =>
        string.Join('/', folder.Split('/').Where(segment => !StyleFolders.Contains(segment, StringComparer.Ordinal)));

    /// <summary>A PNG or SVG that is a stamp of its own: not a mirror/flip variant, not the PNG fallback of an SVG.</summary>
    public static bool IsStampImage(string path)
    {
        string stem = System.IO.Path.GetFileNameWithoutExtension(path), extension = System.IO.Path.GetExtension(path);
        if (stem.EndsWith("_mirror", StringComparison.Ordinal) || stem.EndsWith("_flip", StringComparison.Ordinal))
        {
            return false;
        }
        return extension switch
        {
            ".svg" => true,
            ".png" => !File.Exists(System.IO.Path.ChangeExtension(path, ".svg")),
            _ => false,
        };
    }

    /// <summary>Images named by stamp id; a name taken twice in a class (a cartoon and a photo "apple") gets its short hash.</summary>
    private static IReadOnlyList<ImageRecipe> Recipes(IEnumerable<Stamp> stamps)
    {
        var list = stamps.ToList();
        var names = list.Select(s => EmojiSet.ClassName(System.IO.Path.GetFileNameWithoutExtension(s.Path))).ToList();
        return list.Select((s, i) =>
        {
            string name = names.Count(n => n == names[i]) > 1 ? $"{names[i]}-{s.Hash[..8]}" : names[i];
            return new ImageRecipe(name, _ => Task.FromResult(Render(s)));
        }).ToList();
    }

    /// <summary>The fitted image of a stamp (SVG through Svg.Skia); null when nothing is visible.</summary>
    public static RgbImage? Render(Stamp stamp) =>
        stamp.Path.EndsWith(".svg", StringComparison.Ordinal) ? SvgRaster.RenderFile(stamp.Path) : PngSource.Render(stamp.Path);

    private static int Depth(string folder) => folder.Count(c => c == '/');
}
