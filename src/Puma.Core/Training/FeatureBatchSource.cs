using Puma.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Training;

/// <summary>Batches sliced from cached stem features (the hybrid demo's fast path).</summary>
public sealed class FeatureBatchSource : ITrainingBatchSource
{
    private readonly FeatureDataset data;
    private readonly Device device;

    /// <summary>Slices <paramref name="data"/> (not owned) and moves the batches to <paramref name="device"/> (CPU when null).</summary>
    public FeatureBatchSource(FeatureDataset data, Device? device = null)
    {
        this.data = data ?? throw new ArgumentNullException(nameof(data));
        this.device = device ?? torch.CPU;
    }

    /// <inheritdoc />
    public int Count => data.Count;

    /// <inheritdoc />
    public int NumClasses => data.NumClasses;

    /// <inheritdoc />
    public IReadOnlyList<int> Labels => data.Labels;

    /// <inheritdoc />
    public IReadOnlyList<int> DatasetIndices => data.DatasetIndices;

    /// <inheritdoc />
    public IReadOnlyList<string> DatasetNames => data.DatasetNames;

    /// <inheritdoc />
    public IEnumerable<TrainingBatch> Batches(int epoch, IReadOnlyList<int[]> indexBatches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indexBatches);
        foreach (var indices in indexBatches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Slice(indices);
        }
    }

    private TrainingBatch Slice(int[] indices)
    {
        using var scope = torch.NewDisposeScope();
        var index = torch.tensor(indices.Select(i => (long)i).ToArray());
        var x = data.Features.index_select(0, index).to(device);
        var y = torch.tensor(indices.Select(i => (long)data.Labels[i]).ToArray()).to(device);
        return new TrainingBatch(x.MoveToOuterDisposeScope(), y.MoveToOuterDisposeScope());
    }
}
