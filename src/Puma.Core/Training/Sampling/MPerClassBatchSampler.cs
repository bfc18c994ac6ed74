namespace Puma.Training.Sampling;

/// <summary>
/// m-per-class sampling: every batch holds <c>batch / m</c> distinct classes with exactly m samples each. Classes come
/// from a shuffled cycle restarted at each epoch, so an epoch of at least <c>C · m / batch</c> batches covers every class.
/// Default epoch length: <c>⌊N / batch⌋</c> batches (as many steps as uniform sampling), at least 1.
/// </summary>
public sealed class MPerClassBatchSampler : ClassGroupSampler
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="labels">Class label per sample.</param>
    /// <param name="batchSize">Items per batch; a multiple of m, at most m × the number of classes.</param>
    /// <param name="samplesPerClass">m (default 2).</param>
    /// <param name="batchesPerEpoch">Batches per epoch (null: ⌊N / batch⌋, at least 1).</param>
    /// <param name="seed">Seed (null: nondeterministic).</param>
    /// <exception cref="ArgumentException">The batch is not a multiple of m, or needs more classes than there are.</exception>
    public MPerClassBatchSampler(IReadOnlyList<int> labels, int batchSize, int samplesPerClass = 2, int? batchesPerEpoch = null, int? seed = null)
        : base(labels, [Check(labels, batchSize, samplesPerClass)], [batchSize / samplesPerClass], samplesPerClass,
               batchesPerEpoch ?? Math.Max(1, labels.Count / batchSize), seed)
    {
    }

    /// <inheritdoc />
    public override string Description => $"m-per-class (m {SamplesPerClass}, {BatchSize / SamplesPerClass} classes × {SamplesPerClass} per batch)";

    private static int[] Check(IReadOnlyList<int> labels, int batchSize, int samplesPerClass)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) throw new ArgumentException("There are no samples.", nameof(labels));
        CheckBatchAndM(batchSize, samplesPerClass);
        var classes = DistinctClasses(labels);
        if ((long)samplesPerClass * classes.Length < batchSize)
            throw new ArgumentException(
                $"Batch size {batchSize} needs {batchSize / samplesPerClass} distinct classes of m = {samplesPerClass} samples, " +
                $"but the data has only {classes.Length} classes (m × classes = {samplesPerClass * classes.Length} < {batchSize}).", nameof(batchSize));
        return classes;
    }
}
