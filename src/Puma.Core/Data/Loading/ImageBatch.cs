using static TorchSharp.torch;

namespace Puma.Data.Loading;

/// <summary>One batch produced by <see cref="ImageBatchLoader"/>. Owns its tensor: dispose it.</summary>
public sealed class ImageBatch : IDisposable
{
    internal ImageBatch(int number, Tensor images, int[] indices, int[] labels, int[] datasetIndices)
    {
        Number = number;
        Images = images;
        Indices = indices;
        Labels = labels;
        DatasetIndices = datasetIndices;
    }

    /// <summary>Position of the batch in its epoch (0-based).</summary>
    public int Number { get; }

    /// <summary>Images <c>[B, 3, H, W]</c>, CPU float32, scaled as the loader's options say (caller-owned).</summary>
    public Tensor Images { get; }

    /// <summary>Index of each image in <see cref="UniversalDataset.Samples"/>.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>Global label of each image.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Dataset index of each image.</summary>
    public IReadOnlyList<int> DatasetIndices { get; }

    /// <summary>Number of images.</summary>
    public int Count => Indices.Count;

    /// <summary>Disposes <see cref="Images"/>.</summary>
    public void Dispose() => Images.Dispose();
}
