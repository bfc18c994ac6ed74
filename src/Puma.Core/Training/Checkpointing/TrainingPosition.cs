namespace Puma.Training;

/// <summary>Where a training run stands: the next batch to train and the bookkeeping of the run so far.</summary>
/// <param name="Epoch">Current epoch (0-based); equals the epoch count when the run is complete.</param>
/// <param name="BatchesDone">Batches of <paramref name="Epoch"/> already trained (or skipped).</param>
/// <param name="Steps">Optimizer steps taken so far.</param>
/// <param name="Skipped">Steps skipped so far (non-finite loss).</param>
/// <param name="EpochLosses">Mean loss of every finished epoch.</param>
/// <param name="LossSum">Sum of the finite losses of <paramref name="Epoch"/> so far.</param>
/// <param name="LossCount">Number of those losses.</param>
internal sealed record TrainingPosition(int Epoch, int BatchesDone, int Steps, int Skipped, IReadOnlyList<double> EpochLosses,
    double LossSum, int LossCount)
{
    /// <summary>Batches trained over the whole run.</summary>
    public long GlobalBatch(int batchesPerEpoch) => (long)Epoch * batchesPerEpoch + BatchesDone;
}
