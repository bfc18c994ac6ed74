namespace Puma.Training;

/// <summary>
/// Where <see cref="MetricTrainer"/> gets its batches: the trainer chooses which samples go into each batch (shuffling,
/// sampling), the source turns those sample indices into inputs for <see cref="ITrainableEmbedder.EmbedFeatures"/>
/// and labels — by slicing cached features (<see cref="FeatureBatchSource"/>) or by decoding, augmenting and running the
/// frozen stem on images (<see cref="ImageBatchSource"/>).
/// </summary>
public interface ITrainingBatchSource
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Declared number of classes (the loss needs at least this many proxies).</summary>
    int NumClasses { get; }

    /// <summary>Global label of every sample (for samplers).</summary>
    IReadOnlyList<int> Labels { get; }

    /// <summary>Dataset index of every sample (for samplers).</summary>
    IReadOnlyList<int> DatasetIndices { get; }

    /// <summary>Dataset names (indexed by <see cref="DatasetIndices"/>).</summary>
    IReadOnlyList<string> DatasetNames { get; }

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/> for the given sample indices, in order. Each batch is caller-owned;
    /// a source may prepare coming batches in the background while the caller trains on the current one.
    /// </summary>
    IEnumerable<TrainingBatch> Batches(int epoch, IReadOnlyList<int[]> indexBatches, CancellationToken cancellationToken);
}
