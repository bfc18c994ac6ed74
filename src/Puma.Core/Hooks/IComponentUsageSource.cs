namespace Puma.Hooks;

/// <summary>
/// Extension point: a module that keeps per-component usage statistics (for example a prompt pool's mean weights and
/// selection counts). <see cref="Training.MetricTrainer"/> finds every such module in the model, resets it at the start
/// of each epoch and logs its snapshot at the end, so a collapse onto a few components shows in the training log.
/// </summary>
public interface IComponentUsageSource
{
    /// <summary>The statistics gathered since the last <see cref="ResetUsage"/>.</summary>
    ComponentUsageSnapshot UsageSnapshot();

    /// <summary>Clears the statistics.</summary>
    void ResetUsage();
}
