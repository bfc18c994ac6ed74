using Puma.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Training;

/// <summary>
/// Copies of a loss's buffers (for example CurricularFace's running cosine) taken before a step's forward pass, so that a
/// step with a non-finite loss can put them back: the bad batch then leaves no trace in the loss. The copies live in the
/// caller's dispose scope.
/// </summary>
internal sealed class LossBufferSnapshot
{
    private readonly List<(Tensor Buffer, Tensor Copy)> saved;

    public LossBufferSnapshot(MetricLoss loss) =>
        saved = loss.named_buffers().Select(b => (b.buffer, b.buffer.detach().clone())).ToList();

    /// <summary>Writes the saved values back into the buffers.</summary>
    public void Restore()
    {
        using var noGrad = torch.no_grad();
        foreach (var (buffer, copy) in saved) buffer.copy_(copy);
    }
}
