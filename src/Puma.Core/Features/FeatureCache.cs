using System.Globalization;
using Puma.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Features;

/// <summary>
/// Stores a <see cref="FeatureDataset"/> on disk (safetensors: features in float16 to halve the size, labels and
/// dataset indices as int64, names and class count in the metadata) under a caller-chosen key that identifies what
/// produced it (data manifest, stem). <see cref="TryLoad"/> returns null when the file is missing or was made for another key.
/// </summary>
public static class FeatureCache
{
    private const string Format = "puma-features-v1";

    /// <summary>
    /// Rounds the features to float16 precision in place, so that a dataset used right after extraction equals the one
    /// loaded from the cache later (cold and warm runs give identical results).
    /// </summary>
    /// <exception cref="ArgumentException">A feature's magnitude exceeds 65504, the largest float16 (it would become ∞).</exception>
    public static void RoundToStoredPrecision(FeatureDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireFloat16Range(data);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        data.Features.copy_(data.Features.to(ScalarType.Float16).to(ScalarType.Float32));
    }

    /// <summary>Writes <paramref name="data"/> atomically to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">A feature's magnitude exceeds 65504, the largest float16 (it would be stored as ∞).</exception>
    public static void Save(FeatureDataset data, string path, string key)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(key);
        RequireFloat16Range(data);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["features"] = data.Features.to(ScalarType.Float16),
            ["labels"] = torch.tensor(data.Labels.Select(l => (long)l).ToArray()),
            ["dataset_indices"] = torch.tensor(data.DatasetIndices.Select(l => (long)l).ToArray()),
        };
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["key"] = key,
            ["num_classes"] = data.NumClasses.ToString(CultureInfo.InvariantCulture),
            ["dataset_names"] = string.Join("\n", data.DatasetNames),
        };
        SafeTensorsWriter.Write(path, tensors, metadata);
    }

    /// <summary>Loads the dataset stored at <paramref name="path"/> for <paramref name="key"/>, or null if absent or stale.</summary>
    /// <exception cref="InvalidDataException">The file is a feature cache for <paramref name="key"/> but is corrupt: unreadable
    /// safetensors, a missing tensor or metadata entry, mismatched lengths, labels out of range or non-finite features
    /// (the message names the file and the culprit).</exception>
    public static FeatureDataset? TryLoad(string path, string key)
    {
        if (!File.Exists(path)) return null;
        var header = SafeTensorsReader.ReadHeader(path);
        if (!header.Metadata.TryGetValue("format", out var format) || format != Format) return null;
        if (!header.Metadata.TryGetValue("key", out var stored) || stored != key) return null;
        string names = Metadata(header, "dataset_names", path);
        string classText = Metadata(header, "num_classes", path);
        if (!int.TryParse(classText, NumberStyles.None, CultureInfo.InvariantCulture, out int numClasses) || numClasses < 1)
            throw Corrupt(path, $"metadata 'num_classes' is '{classText}', not a positive integer");
        var tensors = SafeTensorsReader.Read(path);
        try
        {
            var features = Required(tensors, "features", path);
            int[] labels = Integers(tensors, "labels", path);
            int[] indices = Integers(tensors, "dataset_indices", path);
            var unknown = tensors.Keys.Except(["features", "labels", "dataset_indices"]).ToList();
            if (unknown.Count > 0) throw Corrupt(path, $"unexpected tensor '{unknown[0]}'");
            var dataset = new FeatureDataset(features, labels, indices, names.Split('\n'), numClasses);
            tensors.Remove("features");
            return dataset;
        }
        catch (ArgumentException e)
        {
            throw Corrupt(path, e.Message, e);
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
    }

    private const double Float16Max = 65504;

    private static void RequireFloat16Range(FeatureDataset data)
    {
        if (data.Features.numel() == 0) return;
        using var scope = torch.NewDisposeScope();
        var rows = data.Features.abs().gt(Float16Max).reshape(data.Count, -1).any(1);
        if (rows.any().item<bool>())
        {
            long row = rows.to(ScalarType.Int8).argmax().item<long>();
            throw new ArgumentException(
                $"Sample {row} has a feature of magnitude above {Float16Max}, the largest float16 the cache stores: it would become ∞.", nameof(data));
        }
    }

    private static string Metadata(SafeTensorsHeader header, string name, string path) =>
        header.Metadata.TryGetValue(name, out var value) ? value : throw Corrupt(path, $"metadata entry '{name}' is missing");

    private static Tensor Required(Dictionary<string, Tensor> tensors, string name, string path) =>
        tensors.TryGetValue(name, out var tensor) ? tensor : throw Corrupt(path, $"tensor '{name}' is missing");

    private static int[] Integers(Dictionary<string, Tensor> tensors, string name, string path)
    {
        var tensor = Required(tensors, name, path);
        if (tensor.dtype != ScalarType.Int64 || tensor.dim() != 1)
            throw Corrupt(path, $"tensor '{name}' is [{string.Join(",", tensor.shape)}] of {tensor.dtype}, expected a 1-d int64 vector");
        var values = tensor.data<long>().ToArray();
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is < int.MinValue or > int.MaxValue) throw Corrupt(path, $"tensor '{name}' element {i} is {values[i]}");
            result[i] = (int)values[i];
        }
        return result;
    }

    private static InvalidDataException Corrupt(string path, string detail, Exception? inner = null) =>
        new($"Corrupt feature cache '{path}': {detail}.", inner);
}
