namespace Puma.Training.Sampling;

/// <summary>
/// Uniform sampling without replacement: every epoch shuffles all samples and cuts them into consecutive batches
/// (the last, incomplete batch is dropped or kept). Large datasets dominate the batches in proportion to their size.
/// </summary>
public sealed class UniformBatchSampler : BatchSampler
{
    private readonly int count;
    private readonly bool dropLast;
    private readonly Random random;

    /// <summary>Creates the sampler over <paramref name="count"/> samples.</summary>
    /// <param name="count">Number of samples N (at least 1).</param>
    /// <param name="batchSize">Items per batch, in [1, N].</param>
    /// <param name="dropLast">Drop the last incomplete batch of each epoch.</param>
    /// <param name="seed">Seed of the shuffles (null: nondeterministic).</param>
    public UniformBatchSampler(int count, int batchSize, bool dropLast = true, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (batchSize < 1 || batchSize > count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"Batch size must be in [1, {count}] (the number of samples).");
        this.count = count;
        this.dropLast = dropLast;
        BatchSize = batchSize;
        BatchesPerEpoch = dropLast ? count / batchSize : (count + batchSize - 1) / batchSize;
        random = seed is int s ? new Random(s) : new Random();
    }

    /// <inheritdoc />
    public override int BatchSize { get; }

    /// <inheritdoc />
    public override int BatchesPerEpoch { get; }

    /// <inheritdoc />
    public override string Description => $"uniform (batch {BatchSize}{(dropLast ? ", last incomplete batch dropped" : "")})";

    /// <inheritdoc />
    public override IReadOnlyList<int[]> NextEpoch()
    {
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return Enumerable.Range(0, BatchesPerEpoch)
            .Select(b => order.AsSpan(b * BatchSize, Math.Min(BatchSize, count - b * BatchSize)).ToArray())
            .ToList();
    }
}
