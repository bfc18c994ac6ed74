namespace Puma.Training.Sampling;

/// <summary>
/// Chooses the sample indices of every batch of an epoch. Deterministic for a given seed: two samplers built from the
/// same data and seed yield the same epochs in the same order.
/// </summary>
public abstract class BatchSampler
{
    /// <summary>Items per batch.</summary>
    public abstract int BatchSize { get; }

    /// <summary>Batches per epoch: exactly the number of batches <see cref="NextEpoch"/> returns.</summary>
    public abstract int BatchesPerEpoch { get; }

    /// <summary>A short description (logs).</summary>
    public abstract string Description { get; }

    /// <summary>The batches of the next epoch (<see cref="BatchesPerEpoch"/> arrays of sample indices).</summary>
    public abstract IReadOnlyList<int[]> NextEpoch();
}
