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
    public static void RoundToStoredPrecision(FeatureDataset data)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        data.Features.copy_(data.Features.to(ScalarType.Float16).to(ScalarType.Float32));
    }

    /// <summary>Writes <paramref name="data"/> atomically to <paramref name="path"/>.</summary>
    public static void Save(FeatureDataset data, string path, string key)
    {
        ArgumentNullException.ThrowIfNull(data);
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
    public static FeatureDataset? TryLoad(string path, string key)
    {
        if (!File.Exists(path)) return null;
        var header = SafeTensorsReader.ReadHeader(path);
        if (!header.Metadata.TryGetValue("format", out var format) || format != Format) return null;
        if (!header.Metadata.TryGetValue("key", out var stored) || stored != key) return null;
        var tensors = SafeTensorsReader.Read(path);
        using var labels = tensors["labels"];
        using var indices = tensors["dataset_indices"];
        return new FeatureDataset(
            tensors["features"],
            labels.data<long>().Select(l => (int)l).ToArray(),
            indices.data<long>().Select(l => (int)l).ToArray(),
            header.Metadata["dataset_names"].Split('\n'),
            int.Parse(header.Metadata["num_classes"], CultureInfo.InvariantCulture));
    }
}
