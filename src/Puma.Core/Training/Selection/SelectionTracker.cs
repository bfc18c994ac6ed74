using Microsoft.Extensions.Logging;
using Puma.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Training.Selection;

/// <summary>
/// Runs <see cref="ModelSelection"/> inside a fit: validates after the chosen epochs (in eval mode, then back to train
/// mode), keeps a snapshot of the best state and restores it at the end. A NaN score never counts as best; ties keep the
/// earlier epoch.
/// </summary>
internal sealed class SelectionTracker(
    ModelSelection selection, Func<CancellationToken, RetrievalReport> validate, IReadOnlyList<Tensor> state,
    IReadOnlyList<nn.Module> modules, ILogger log) : IDisposable
{
    private readonly List<ValidationResult> results = [];
    private TrainableSnapshot? best;
    private double bestScore = double.NegativeInfinity;

    /// <summary>The validations so far.</summary>
    public IReadOnlyList<ValidationResult> Results => results;

    /// <summary>1-based epoch of the best validation so far (null before the first finite score).</summary>
    public int? BestEpoch { get; private set; }

    /// <summary>Validates after epoch <paramref name="epoch"/> (0-based) when the selection asks for it.</summary>
    public void AfterEpoch(int epoch, int epochs, CancellationToken cancellationToken)
    {
        if (!selection.IsValidationEpoch(epoch, epochs)) return;
        foreach (var module in modules) module.eval();
        RetrievalReport report;
        try
        {
            report = validate(cancellationToken);
        }
        finally
        {
            foreach (var module in modules) module.train();
        }
        double score = selection.Score(report);
        results.Add(new ValidationResult(epoch + 1, score, report));
        bool improved = score > bestScore;
        log.LogInformation("Epoch {Epoch}/{Epochs}: validation {Metric} {Score:P2}{Best}", epoch + 1, epochs, selection.Metric, score,
            improved ? " (best so far)" : $" (best {bestScore:P2} at epoch {BestEpoch})");
        if (!improved) return;
        bestScore = score;
        BestEpoch = epoch + 1;
        best?.Dispose();
        best = TrainableSnapshot.Take(state);
    }

    /// <summary>Writes the best state back (when a validation ever scored a finite value); returns its epoch.</summary>
    public int? RestoreBest(int epochs)
    {
        if (best is null || BestEpoch is null) return null;
        if (BestEpoch != epochs)
        {
            best.Restore();
            log.LogInformation("Model selection: restored the state of epoch {Epoch} ({Score:P2})", BestEpoch, bestScore);
        }
        return BestEpoch;
    }

    public void Dispose() => best?.Dispose();
}
