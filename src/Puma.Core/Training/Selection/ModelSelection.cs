using Puma.Evaluation;

namespace Puma.Training.Selection;

/// <summary>
/// Model selection on a validation set: every <see cref="EvaluateEvery"/> epochs and after the last one the trainer
/// evaluates the model on the validation set passed to the fit, and at the end restores the trainable state (adapters,
/// prompts, head, proxies and loss buffers) of the best evaluation. The reference code evaluates every 20 epochs and
/// picks the best checkpoint on the <i>test</i> split; pass a validation split carved from the training classes
/// (<c>HoldOutClasses</c>) so that test numbers stay unbiased.
/// </summary>
public sealed record ModelSelection
{
    /// <summary>Epochs between two validations (default 20, the reference's); the last epoch is always validated.</summary>
    public int EvaluateEvery { get; init; } = 20;

    /// <summary>The figure maximised (default <see cref="SelectionMetric.UnifiedRecallAt1"/>, the reference's).</summary>
    public SelectionMetric Metric { get; init; } = SelectionMetric.UnifiedRecallAt1;

    /// <summary>The reference's rule: unified Recall@1 every 20 epochs.</summary>
    public static ModelSelection Reference { get; } = new();

    /// <summary>The selected figure of <paramref name="report"/>.</summary>
    public double Score(RetrievalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Metric switch
        {
            SelectionMetric.UnifiedRecallAt1 => report.Unified.RecallAt1,
            SelectionMetric.HarmonicMeanRecallAt1 => report.HarmonicMeanRecallAt1,
            _ => throw new InvalidOperationException($"Unknown selection metric {Metric}."),
        };
    }

    /// <summary>Whether epoch <paramref name="epoch"/> (0-based) of <paramref name="epochs"/> is validated.</summary>
    public bool IsValidationEpoch(int epoch, int epochs) => (epoch + 1) % EvaluateEvery == 0 || epoch + 1 == epochs;

    /// <summary>Every problem with the options (empty when valid).</summary>
    public IEnumerable<string> Validate()
    {
        if (EvaluateEvery < 1) yield return $"Selection.EvaluateEvery must be at least 1 (got {EvaluateEvery}).";
        if (!Enum.IsDefined(Metric)) yield return $"Selection.Metric {(int)Metric} is not a defined SelectionMetric.";
    }
}
