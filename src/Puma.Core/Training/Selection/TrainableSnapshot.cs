using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Training.Selection;

/// <summary>
/// A detached copy of a set of tensors (trainable parameters, proxies, loss buffers) that can be written back into
/// them: the "best so far" state of <see cref="ModelSelection"/>. Owns its copies.
/// </summary>
internal sealed class TrainableSnapshot : IDisposable
{
    private readonly IReadOnlyList<Tensor> targets;
    private readonly List<Tensor> copies;

    private TrainableSnapshot(IReadOnlyList<Tensor> targets, List<Tensor> copies)
    {
        this.targets = targets;
        this.copies = copies;
    }

    /// <summary>Copies the current values of <paramref name="targets"/>.</summary>
    public static TrainableSnapshot Take(IReadOnlyList<Tensor> targets)
    {
        using var noGrad = torch.no_grad();
        var copies = targets.Select(t => t.detach().clone().DetachFromDisposeScope()).ToList();
        return new TrainableSnapshot(targets, copies);
    }

    /// <summary>Writes the copied values back into the tensors they were taken from.</summary>
    public void Restore()
    {
        using var noGrad = torch.no_grad();
        for (int i = 0; i < targets.Count; i++) targets[i].copy_(copies[i]);
    }

    public void Dispose()
    {
        foreach (var copy in copies) copy.Dispose();
    }
}
