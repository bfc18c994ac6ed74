using Puma.Evaluation;

namespace Puma.Training.Selection;

/// <summary>One validation during a fit.</summary>
/// <param name="Epoch">1-based epoch after which the model was validated.</param>
/// <param name="Score">The selected figure (<see cref="ModelSelection.Metric"/>).</param>
/// <param name="Report">The whole validation report.</param>
public sealed record ValidationResult(int Epoch, double Score, RetrievalReport Report);
