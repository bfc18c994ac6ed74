namespace Puma.Training;

/// <summary>What <see cref="MetricTrainer"/> does when a step's loss is NaN or ±∞ (<see cref="TrainingOptions.NonFiniteLoss"/>).</summary>
/// <remarks>
/// Either way the bad step changes nothing: no backward pass, no optimizer step, and the loss buffers (for example
/// CurricularFace's running cosine) are put back as they were before the step.
/// </remarks>
public enum NonFiniteLossPolicy
{
    /// <summary>Skip the step, log a warning and count it in <see cref="TrainingReport.SkippedSteps"/> (the default).</summary>
    SkipStep,

    /// <summary>Stop training with a <see cref="NonFiniteLossException"/> naming the epoch and step.</summary>
    Stop,
}
