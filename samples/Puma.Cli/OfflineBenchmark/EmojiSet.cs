using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// Base emoji (no skin-tone variants, no skin-tone swatches) drawn by three vendors: Google Noto and Twitter
/// Twemoji from emoji-datasource (npm, 64 px) and EmojiOne 2 from Debian's ruby-gemojione (64 px). The class is
/// the emoji's short name; the style is the vendor. The old Noto of ruby-tanuki-emoji is left out (a near copy
/// of Google's) and so are Apple's and Facebook's sets (their art carries no licence for reuse).
/// </summary>
internal sealed class EmojiSet : IBenchmarkSet
{
    private const string Version = "16.0.0";
    private const string GemojionePackage = "ruby-gemojione";
    private const string GemsFolder = "usr/share/rubygems-integration/all/gems/";

    private static readonly PackageSource Google = Vendor("google");
    private static readonly PackageSource Twitter = Vendor("twitter");
    private static readonly PackageSource Gemojione = PackageSource.Deb(GemojionePackage, GemsFolder, $"usr/share/doc/{GemojionePackage}/");

    /// <inheritdoc/>
    public string Name => "emoji";

    /// <inheritdoc/>
    public SplitSizes Sizes { get; } = new(0, 300, 200);

    /// <inheritdoc/>
    public bool HasStyleAxis => true;

    /// <inheritdoc/>
    public IReadOnlyList<PackageSource> Packages { get; } = [Google, Twitter, Gemojione];

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>> CollectAsync(PackageCache cache, ILogger logger, CancellationToken ct)
    {
        string googleRoot = cache.UnpackedPath(Google), twitterRoot = cache.UnpackedPath(Twitter);
        await using var json = File.OpenRead(Path.Combine(googleRoot, "package", "emoji.json"));
        using JsonDocument doc = await JsonDocument.ParseAsync(json, cancellationToken: ct).ConfigureAwait(false);
        string emojiOne = Directory.EnumerateDirectories(Path.Combine(cache.UnpackedPath(Gemojione), GemsFolder), "gemojione-*")
            .Order(StringComparer.Ordinal).Select(d => Path.Combine(d, "assets", "png")).LastOrDefault(Directory.Exists)
            ?? throw new InvalidDataException($"{GemojionePackage} has no assets/png folder.");
        var recipes = new Dictionary<string, IReadOnlyList<ImageRecipe>>(StringComparer.Ordinal);
        foreach (JsonElement emoji in doc.RootElement.EnumerateArray())
        {
            if (emoji.GetProperty("category").GetString() == "Component")
            {
                continue;
            }
            string image = emoji.GetProperty("image").GetString()!;
            string unified = emoji.GetProperty("unified").GetString()!;
            string? nonQualified = emoji.TryGetProperty("non_qualified", out var nq) && nq.ValueKind == JsonValueKind.String ? nq.GetString() : null;
            var list = new List<ImageRecipe>();
            AddIfPresent(list, "google", Path.Combine(googleRoot, "package", "img", "google", "64", image));
            AddIfPresent(list, "twitter", Path.Combine(twitterRoot, "package", "img", "twitter", "64", image));
            string? one = EmojiOneNames.Candidates(unified, nonQualified).Select(n => Path.Combine(emojiOne, n)).FirstOrDefault(File.Exists);
            if (one is not null)
            {
                AddIfPresent(list, "emojione", one);
            }
            if (list.Count >= 2)
            {
                recipes[ClassName(emoji.GetProperty("short_name").GetString()!)] = list;
            }
        }
        logger.LogInformation("emoji: {Classes} base emoji drawn by at least two vendors ({Three} by all three)",
            recipes.Count, recipes.Values.Count(r => r.Count == 3));
        return recipes;
    }

    /// <summary>Folder-safe class name: lower-case letters, digits, '-', '_' and '+' kept, anything else becomes '_'.</summary>
    public static string ClassName(string shortName) =>
        string.Concat(shortName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' ? c : '_'));

    private static PackageSource Vendor(string vendor) =>
        PackageSource.Npm($"emoji-datasource-{vendor}", Version, $"package/img/{vendor}/64/", "package/emoji.json", "package/LICENSE", "package/package.json");

    private static void AddIfPresent(List<ImageRecipe> list, string vendor, string path)
    {
        if (File.Exists(path))
        {
            list.Add(new ImageRecipe(vendor, _ => Task.FromResult(PngSource.Render(path))));
        }
    }
}
