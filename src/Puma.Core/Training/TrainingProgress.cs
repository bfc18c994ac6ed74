namespace Puma.Training;

/// <summary>Progress of a training run, reported after every step.</summary>
/// <param name="Epoch">Current epoch (1-based).</param>
/// <param name="Epochs">Total epochs.</param>
/// <param name="Step">Step within the epoch (1-based).</param>
/// <param name="StepsPerEpoch">Steps per epoch.</param>
/// <param name="Loss">Loss of this step (NaN if it was skipped).</param>
/// <param name="LearningRate">Base learning rate after the schedule.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Loss, double LearningRate);
