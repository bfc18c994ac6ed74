using static TorchSharp.torch;

namespace Puma.Prompts;

/// <summary>
/// Holds a loss term produced by a training-mode forward pass until the trainer collects it (in the same step), without
/// keeping a tensor in a module field (TorchSharp would take such a field for a buffer). A term whose dispose scope has
/// already ended is dropped.
/// </summary>
internal sealed class PendingTerm
{
    private Tensor? value;

    public void Set(Tensor term) => value = term;

    /// <summary>The pending term (once), or null.</summary>
    public Tensor? Take()
    {
        var term = value;
        value = null;
        return term is null || term.IsInvalid ? null : term;
    }
}
