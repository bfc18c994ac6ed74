using System.Globalization;
using System.Text.Json;
using Puma.Data;

namespace Puma.Checkpoints.Timm;

/// <summary>
/// What a timm checkpoint says about itself besides its tensors: the <c>pretrained_cfg</c> (mean, std) and model
/// arguments, read from the safetensors <c>__metadata__</c> (entries <c>pretrained_cfg</c> as JSON, or <c>mean</c> and
/// <c>std</c>, and <c>num_heads</c>) or from the <c>config.json</c> that the Hugging Face hub ships beside
/// <c>model.safetensors</c> (<c>pretrained_cfg</c>, <c>model_args.num_heads</c>, <c>global_pool</c>). Metadata wins.
/// </summary>
/// <param name="Normalization">The mean/std of the checkpoint, when it states them.</param>
/// <param name="NormalizationSource">Where <paramref name="Normalization"/> came from.</param>
/// <param name="NumHeads">The number of heads, when stated.</param>
/// <param name="GlobalPool">timm's <c>global_pool</c>, when stated.</param>
internal sealed record TimmCheckpointConfig(ImageNormalization? Normalization, string? NormalizationSource, int? NumHeads, string? GlobalPool)
{
    public static TimmCheckpointConfig Read(string path, IReadOnlyDictionary<string, string> metadata)
    {
        var (normalization, source) = FromMetadata(path, metadata);
        int? heads = metadata.TryGetValue("num_heads", out var h) ? ParseInt(h, path, "num_heads") : null;
        string? pool = metadata.GetValueOrDefault("global_pool");
        var configPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "config.json");
        if (File.Exists(configPath))
        {
            using var doc = Parse(File.ReadAllText(configPath), configPath);
            var root = doc.RootElement;
            if (normalization is null && root.TryGetProperty("pretrained_cfg", out var cfg) && MeanStd(cfg, configPath) is { } n)
                (normalization, source) = (n, $"{configPath} (pretrained_cfg)");
            if (heads is null && root.TryGetProperty("model_args", out var args) && args.TryGetProperty("num_heads", out var nh))
                heads = nh.TryGetInt32(out var v) ? v : throw Invalid(configPath, "model_args.num_heads is not an integer");
            if (pool is null && root.TryGetProperty("global_pool", out var gp) && gp.ValueKind == JsonValueKind.String)
                pool = gp.GetString();
        }
        return new TimmCheckpointConfig(normalization, source, heads, pool);
    }

    private static (ImageNormalization?, string?) FromMetadata(string path, IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.TryGetValue("pretrained_cfg", out var json))
        {
            using var doc = Parse(json, $"{path} (metadata pretrained_cfg)");
            if (MeanStd(doc.RootElement, path) is { } n) return (n, $"{path} (metadata pretrained_cfg)");
        }
        bool hasMean = metadata.TryGetValue("mean", out var mean), hasStd = metadata.TryGetValue("std", out var std);
        if (hasMean != hasStd) throw Invalid(path, "the metadata has only one of 'mean' and 'std'");
        if (hasMean) return (Create(Numbers(mean!, path, "mean"), Numbers(std!, path, "std"), path), $"{path} (metadata mean/std)");
        return (null, null);
    }

    private static ImageNormalization? MeanStd(JsonElement cfg, string where)
    {
        if (cfg.ValueKind != JsonValueKind.Object) return null;
        bool hasMean = cfg.TryGetProperty("mean", out var mean), hasStd = cfg.TryGetProperty("std", out var std);
        if (!hasMean && !hasStd) return null;
        if (hasMean != hasStd) throw Invalid(where, "pretrained_cfg has only one of 'mean' and 'std'");
        return Create(Numbers(mean, where, "mean"), Numbers(std, where, "std"), where);
    }

    private static ImageNormalization Create(double[] mean, double[] std, string where)
    {
        try
        {
            return new ImageNormalization(mean, std);
        }
        catch (ArgumentException e)
        {
            throw Invalid(where, e.Message);
        }
    }

    private static double[] Numbers(JsonElement array, string where, string name)
    {
        if (array.ValueKind != JsonValueKind.Array || array.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number))
            throw Invalid(where, $"'{name}' must be an array of numbers");
        return array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
    }

    private static double[] Numbers(string text, string where, string name)
    {
        var trimmed = text.Trim().TrimStart('[', '(').TrimEnd(']', ')');
        var parts = trimmed.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw Invalid(where, $"metadata '{name}' = '{text}' is not a list of numbers");
        }
        return values;
    }

    private static int ParseInt(string text, string where, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Invalid(where, $"metadata '{name}' = '{text}' is not an integer");

    private static JsonDocument Parse(string json, string where)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: invalid JSON ({e.Message}).", e);
        }
    }

    private static InvalidDataException Invalid(string where, string message) => new($"{where}: {message}.");
}
