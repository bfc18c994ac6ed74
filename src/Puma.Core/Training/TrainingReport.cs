using Puma.Hooks;
using Puma.Training.Selection;

namespace Puma.Training;

/// <summary>What a training run did.</summary>
/// <param name="EpochLosses">Mean loss of every epoch.</param>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="SkippedSteps">Steps skipped because the loss was not finite.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record TrainingReport(IReadOnlyList<double> EpochLosses, int Steps, int SkippedSteps, double Seconds)
{
    /// <summary>The checkpoint this run resumed from (<see cref="TrainingOptions.Checkpoint"/>), or null when it started afresh.</summary>
    public string? ResumedFrom { get; init; }

    /// <summary>Per-component usage of the last epoch, one entry per <see cref="IComponentUsageSource"/> in the model.</summary>
    public IReadOnlyList<ComponentUsageSnapshot> ComponentUsage { get; init; } = [];

    /// <summary>Every validation of <see cref="TrainingOptions.Selection"/>, in order (empty without a validation set).</summary>
    public IReadOnlyList<ValidationResult> Validations { get; init; } = [];

    /// <summary>
    /// 1-based epoch whose trainable state the model holds after the fit: the best validation's under model selection,
    /// null without it (the state of the last epoch).
    /// </summary>
    public int? SelectedEpoch { get; init; }
}
