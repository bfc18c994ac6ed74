using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// The encoder's pre-training corpus: OpenClipart drawings (Debian <c>openclipart-png</c>) labelled by their category
/// folder (<c>animals/birds</c>, <c>food/fruit</c>, <c>transportation/roadsigns</c>, …). It is a <b>source-only</b>
/// dataset from another distribution than the four benchmark collections — generic clip art, no glyphs, no emoji
/// vendor, no card deck — so the frozen encoder is a general-purpose one, as ImageNet-21k is for the paper's ViT.
/// The same file often sits in a parent and a child folder: each file (by content) keeps its deepest folder. The
/// playing-card folders are left out (the <c>cards</c> dataset uses two of those decks), and so is every drawing
/// that is a near copy of a Tux Paint stamp (<see cref="NearDuplicateIndex"/>: many stamps are OpenClipart art).
/// The drawings are rendered here, while choosing them; the recipes hand back the rendered images.
/// </summary>
internal sealed class ClipartSet : IBenchmarkSet
{
    private const string Package = "openclipart-png";
    private const string Root = "usr/share/openclipart/png/";
    private const string CardFolder = "recreation/games/cards";

    /// <summary>Fewest distinct drawings a category needs to be used.</summary>
    public const int MinImagesPerClass = 10;

    /// <summary>Most drawings taken from a category (a fixed, content-hash ordered subset), so no category dominates.</summary>
    public const int MaxImagesPerClass = 40;

    /// <summary>Files with more pixels than this are skipped (some drawings are 168 megapixels).</summary>
    public const long MaxPixels = 16_000_000;

    /// <inheritdoc/>
    public string Name => "clipart";

    /// <summary>Every usable category goes to the source split; none to train or test.</summary>
    public SplitSizes Sizes { get; } = new(10_000, 0, 0);

    /// <inheritdoc/>
    public bool HasStyleAxis => false;

    /// <inheritdoc/>
    public IReadOnlyList<PackageSource> Packages { get; } = [PackageSource.Deb(Package, Root, $"usr/share/doc/{Package}/"), TuxPaintSet.StampsPackage];

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>> CollectAsync(PackageCache cache, ILogger logger, CancellationToken ct)
    {
        string root = Path.Combine(cache.UnpackedPath(Packages[0]), Root);
        var deepest = new Dictionary<string, (string Folder, string Path)>(StringComparer.Ordinal);
        int tooLarge = 0;
        foreach (string file in Directory.EnumerateFiles(root, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            string folder = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace('\\', '/');
            if (folder == "." || folder.StartsWith(CardFolder, StringComparison.Ordinal))
            {
                continue;
            }
            if (PngPixels(file) is not { } pixels || pixels > MaxPixels)
            {
                tooLarge++;
                continue;
            }
            string hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
            if (!deepest.TryGetValue(hash, out var known) || Depth(folder) > Depth(known.Folder))
            {
                deepest[hash] = (folder, file);
            }
        }
        NearDuplicateIndex stamps = StampIndex(cache, logger, ct);
        int copies = 0;
        var categories = deepest
            .GroupBy(d => d.Value.Folder, StringComparer.Ordinal)
            .Where(g => g.Count() >= MinImagesPerClass)
            .Select(g => (Folder: g.Key, Files: g.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => (Hash: d.Key, d.Value.Path)).ToList()))
            .ToList();
        var chosen = new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<ImageRecipe>>(StringComparer.Ordinal);
        Parallel.ForEach(categories, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, category =>
        {
            // In content-hash order, until the cap: drawings that render empty or copy a Tux Paint stamp are passed over.
            var list = new List<ImageRecipe>();
            foreach (var (hash, path) in category.Files)
            {
                if (list.Count == MaxImagesPerClass)
                {
                    break;
                }
                if (TryRender(path, logger) is not { } image)
                {
                    continue;
                }
                if (stamps.FindCopy(image) is { } stamp)
                {
                    Interlocked.Increment(ref copies);
                    logger.LogDebug("clipart: {Path} left out: a near copy of the Tux Paint stamp {Stamp}",
                        Path.GetRelativePath(root, path), stamp);
                    continue;
                }
                list.Add(new ImageRecipe(Style(path, hash), _ => Task.FromResult<Puma.Data.RgbImage?>(image)));
            }
            if (list.Count >= MinImagesPerClass)
            {
                chosen[ClassName(category.Folder)] = list;
            }
        });
        var recipes = chosen.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        logger.LogInformation(
            "clipart: {Classes} categories with at least {Min} distinct drawings ({Images} used, {Skipped} oversized files skipped, {Copies} copies of Tux Paint stamps left out)",
            recipes.Count, MinImagesPerClass, recipes.Values.Sum(r => r.Count), tooLarge, copies);
        return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>>(recipes);
    }

    /// <summary>The fitted image of a drawing; null (logged) when it renders empty or cannot be decoded.</summary>
    private static Puma.Data.RgbImage? TryRender(string path, ILogger logger)
    {
        try
        {
            return PngSource.Render(path) ?? LogEmpty(path, logger);
        }
        catch (InvalidDataException e)
        {
            logger.LogWarning("clipart: {Path} skipped: {Message}", path, e.Message);
            return null;
        }
    }

    private static Puma.Data.RgbImage? LogEmpty(string path, ILogger logger)
    {
        logger.LogWarning("clipart: {Path} skipped: nothing visible", path);
        return null;
    }

    /// <summary>Every Tux Paint stamp, fitted like the benchmark's images: the drawings clipart must not repeat.</summary>
    private static NearDuplicateIndex StampIndex(PackageCache cache, ILogger logger, CancellationToken ct)
    {
        string stampRoot = Path.Combine(cache.UnpackedPath(TuxPaintSet.StampsPackage), TuxPaintSet.Root);
        var stamps = TuxPaintSet.Stamps(stampRoot, ct);
        var images = new System.Collections.Concurrent.ConcurrentBag<(string, Puma.Data.RgbImage)>();
        Parallel.ForEach(stamps, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, stamp =>
        {
            try
            {
                if (TuxPaintSet.Render(stamp) is { } image)
                {
                    images.Add((Path.GetRelativePath(stampRoot, stamp.Path), image));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("clipart: Tux Paint stamp {Path} not rendered for the copy check: {Message}", stamp.Path, e.Message);
            }
        });
        return new NearDuplicateIndex(images);
    }

    /// <summary>"animals/birds" → "animals--birds" (one folder level per class).</summary>
    public static string ClassName(string folder) => folder.Replace("/", "--", StringComparison.Ordinal);

    /// <summary>Width × height from a PNG's IHDR chunk; null when the file is not a PNG.</summary>
    public static long? PngPixels(string path)
    {
        Span<byte> header = stackalloc byte[24];
        using var file = File.OpenRead(path);
        if (file.Read(header) < 24 || header[1] != (byte)'P' || header[2] != (byte)'N' || header[3] != (byte)'G')
        {
            return null;
        }
        return (long)BinaryPrimitives.ReadUInt32BigEndian(header[16..]) * BinaryPrimitives.ReadUInt32BigEndian(header[20..]);
    }

    private static int Depth(string folder) => folder.Count(c => c == '/');

    /// <summary>
    /// The file name (without extension, plus a short content hash so that names never collide) as the "style": clip art
    /// has no style axis, every drawing is its own.
    /// </summary>
    private static string Style(string path, string hash) => $"{EmojiSet.ClassName(Path.GetFileNameWithoutExtension(path))}-{hash[..8]}";
}
