using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Losses;

/// <summary>
/// A proxy-based metric-learning loss: <c>forward(embeddings [B,E], labels int64 [B]) → scalar loss</c>.
/// It owns one learnable proxy per class (<see cref="Proxies"/>, C×E), exposed so that training code can put the
/// proxies into their own optimizer group (typically with a larger learning rate).
/// Embeddings and proxies are L2-normalised by the loss itself.
/// </summary>
public abstract class MetricLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the loss for <paramref name="numClasses"/> classes and <paramref name="embeddingDim"/>-dimensional embeddings.</summary>
    /// <param name="name">The module name.</param>
    /// <param name="numClasses">C, the number of classes (and proxies); at least 1.</param>
    /// <param name="embeddingDim">E, the embedding size; at least 1.</param>
    protected MetricLoss(string name, int numClasses, int embeddingDim) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingDim, 1);
        NumClasses = numClasses;
        EmbeddingDim = embeddingDim;
    }

    /// <summary>C, the number of classes; labels must lie in [0, C).</summary>
    public int NumClasses { get; }

    /// <summary>E, the size of the embeddings the loss accepts.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The learnable class proxies, C×E (not normalised: the loss normalises them on each call).</summary>
    public abstract Parameter Proxies { get; }

    /// <summary>
    /// New proxies drawn by kaiming-uniform with fan_out on a C×E matrix (PUMA's init):
    /// U(−√(6/C), √(6/C)), float32, from torch's global generator so that <c>torch.manual_seed</c> makes them reproducible.
    /// </summary>
    protected static Parameter CreateProxies(int numClasses, int embeddingDim)
    {
        var bound = Math.Sqrt(6.0 / numClasses);
        var values = torch.empty(numClasses, embeddingDim, dtype: ScalarType.Float32);
        using (torch.no_grad())
        {
            values.uniform_(-bound, bound);
        }
        var proxies = new Parameter(values, requires_grad: true);
        proxies.DetachFromDisposeScope();
        return proxies;
    }

    /// <summary>A parameter holding a copy of <paramref name="values"/> (a floating-point C×E tensor; its dtype is kept).</summary>
    protected static Parameter CopyProxies(Tensor values)
    {
        var proxies = new Parameter(values.detach().clone(), requires_grad: true);
        proxies.DetachFromDisposeScope();
        return proxies;
    }

    /// <summary>Checks that <paramref name="values"/> is a floating-point C×E matrix and returns C (used before the base constructor runs).</summary>
    protected static (int NumClasses, int EmbeddingDim) ProxyShape(Tensor values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.dim() != 2 || !values.is_floating_point())
        {
            throw new ArgumentException(
                $"Proxies must be a floating-point C×E matrix; got shape [{string.Join(", ", values.shape)}] of {values.dtype}.",
                nameof(values));
        }
        return (checked((int)values.shape[0]), checked((int)values.shape[1]));
    }

    /// <summary>
    /// Validates a batch before any tensor math: embeddings floating-point [B,E] with B ≥ 1 and E = <see cref="EmbeddingDim"/>,
    /// labels int64 [B] with every value in [0, C).
    /// </summary>
    /// <exception cref="ArgumentException">A shape or dtype is wrong.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label lies outside [0, C); the message names it and C.</exception>
    protected void ValidateBatch(Tensor embeddings, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        if (embeddings.dim() != 2 || embeddings.shape[0] < 1 || embeddings.shape[1] != EmbeddingDim || !embeddings.is_floating_point())
        {
            throw new ArgumentException(
                $"Embeddings must be a floating-point [B, {EmbeddingDim}] tensor with B ≥ 1; got shape [{string.Join(", ", embeddings.shape)}] of {embeddings.dtype}.",
                nameof(embeddings));
        }
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != embeddings.shape[0])
        {
            throw new ArgumentException(
                $"Labels must be an int64 tensor of shape [{embeddings.shape[0]}]; got shape [{string.Join(", ", labels.shape)}] of {labels.dtype}.",
                nameof(labels));
        }
        using var scope = torch.NewDisposeScope();
        var cpu = labels.detach().cpu().contiguous();
        var values = cpu.data<long>();
        for (long i = 0; i < values.Count; i++)
        {
            var label = values[i];
            if (label < 0 || label >= NumClasses)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label,
                    $"Label {label} (at position {i}) is outside [0, {NumClasses}): this loss has C = {NumClasses} classes.");
            }
        }
    }
}
