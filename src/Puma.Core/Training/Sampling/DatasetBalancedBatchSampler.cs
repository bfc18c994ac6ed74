namespace Puma.Training.Sampling;

/// <summary>
/// Dataset-balanced m-per-class sampling (PUMA's <c>DataClassBalancedSampler</c>, with class cycles): every batch holds
/// an equal share <c>batch / D</c> from each of the D datasets, made of <c>batch / (D · m)</c> distinct classes of that
/// dataset with m samples each, so a small dataset weighs as much as a large one. Class cycles restart at each epoch.
/// Default epoch length: <c>⌊N / batch⌋</c> batches, at least 1.
/// </summary>
public sealed class DatasetBalancedBatchSampler : ClassGroupSampler
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="labels">Class label per sample (dataset-qualified: a class belongs to one dataset).</param>
    /// <param name="datasetIndices">Dataset index per sample.</param>
    /// <param name="batchSize">Items per batch; a multiple of D × m.</param>
    /// <param name="samplesPerClass">m (default 2).</param>
    /// <param name="batchesPerEpoch">Batches per epoch (null: ⌊N / batch⌋, at least 1).</param>
    /// <param name="seed">Seed (null: nondeterministic).</param>
    /// <param name="datasetNames">Names for messages (optional, by dataset index).</param>
    /// <exception cref="ArgumentException">The batch does not split into equal per-dataset shares of whole classes, a
    /// dataset has too few classes for its share, or a class spans two datasets.</exception>
    public DatasetBalancedBatchSampler(IReadOnlyList<int> labels, IReadOnlyList<int> datasetIndices, int batchSize, int samplesPerClass = 2,
        int? batchesPerEpoch = null, int? seed = null, IReadOnlyList<string>? datasetNames = null)
        : this(labels, Check(labels, datasetIndices, batchSize, samplesPerClass, datasetNames), batchSize, samplesPerClass, batchesPerEpoch, seed)
    {
    }

    private DatasetBalancedBatchSampler(IReadOnlyList<int> labels, int[][] groups, int batchSize, int samplesPerClass, int? batchesPerEpoch, int? seed)
        : base(labels, groups, Enumerable.Repeat(batchSize / (groups.Length * samplesPerClass), groups.Length).ToArray(), samplesPerClass,
               batchesPerEpoch ?? Math.Max(1, labels.Count / batchSize), seed)
    {
        DatasetCount = groups.Length;
    }

    /// <summary>D, the number of datasets present.</summary>
    public int DatasetCount { get; }

    /// <inheritdoc />
    public override string Description =>
        $"dataset-balanced (m {SamplesPerClass}, {DatasetCount} datasets × {BatchSize / (DatasetCount * SamplesPerClass)} classes × {SamplesPerClass} per batch)";

    private static int[][] Check(IReadOnlyList<int> labels, IReadOnlyList<int> datasetIndices, int batchSize, int samplesPerClass,
        IReadOnlyList<string>? names)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(datasetIndices);
        if (labels.Count == 0) throw new ArgumentException("There are no samples.", nameof(labels));
        if (datasetIndices.Count != labels.Count)
            throw new ArgumentException($"{datasetIndices.Count} dataset indices for {labels.Count} labels.", nameof(datasetIndices));
        CheckBatchAndM(batchSize, samplesPerClass);
        int totalClasses = DistinctClasses(labels).Length;
        if ((long)samplesPerClass * totalClasses < batchSize)
            throw new ArgumentException(
                $"Batch size {batchSize} needs {batchSize / samplesPerClass} distinct classes of m = {samplesPerClass} samples, " +
                $"but the data has only {totalClasses} classes (m × classes = {samplesPerClass * totalClasses} < {batchSize}).", nameof(batchSize));

        string Name(int d) => names is not null && d >= 0 && d < names.Count ? $"'{names[d]}' (index {d})" : $"index {d}";
        var datasetOfClass = new Dictionary<int, int>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (datasetOfClass.TryGetValue(labels[i], out var d) && d != datasetIndices[i])
                throw new ArgumentException($"Class {labels[i]} appears in datasets {Name(d)} and {Name(datasetIndices[i])}; labels must be dataset-qualified.", nameof(labels));
            datasetOfClass[labels[i]] = datasetIndices[i];
        }
        var groups = datasetOfClass.GroupBy(kv => kv.Value).OrderBy(g => g.Key)
            .Select(g => (Dataset: g.Key, Classes: g.Select(kv => kv.Key).Order().ToArray())).ToList();
        int share = samplesPerClass * groups.Count;
        if (batchSize % share != 0)
            throw new ArgumentException(
                $"Batch size {batchSize} does not split into {groups.Count} equal dataset shares of whole classes: it must be a multiple of " +
                $"datasets × m = {groups.Count} × {samplesPerClass} = {share}.", nameof(batchSize));
        int perDataset = batchSize / share;
        foreach (var (dataset, classes) in groups)
        {
            if (classes.Length < perDataset)
                throw new ArgumentException(
                    $"Dataset {Name(dataset)} has {classes.Length} classes but each batch needs {perDataset} distinct classes from it " +
                    $"(batch {batchSize} / ({groups.Count} datasets × m {samplesPerClass})).", nameof(batchSize));
        }
        return groups.Select(g => g.Classes).ToArray();
    }
}
