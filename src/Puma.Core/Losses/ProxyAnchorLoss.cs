using Puma.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Losses;

/// <summary>
/// Proxy-Anchor loss (Kim et al., CVPR 2020), as used by PUMA:
/// <code>
/// L = 1/|P⁺| Σ_{p∈P⁺} log(1 + Σ_{x∈X_p⁺} exp(−α(s(x,p) − δ)))
///   + 1/|P|  Σ_{p∈P}  log(1 + Σ_{x∈X_p⁻} exp( α(s(x,p) + δ)))
/// </code>
/// where s is the cosine between L2-normalised embedding and proxy, P⁺ the proxies with at least one positive in the
/// batch and P all C proxies. Each log(1 + Σ exp z) is a logsumexp over [0, z…] with excluded pairs masked by the
/// compute dtype's finite minimum (never ±inf), and the computation runs in float32 for float16/bfloat16 inputs
/// (float64 stays float64), so it does not overflow in half precision.
/// </summary>
public sealed class ProxyAnchorLoss : MetricLoss
{
    private readonly Parameter proxies;

    /// <summary>Creates the loss with proxies drawn by kaiming-uniform (fan_out): U(−√(6/C), √(6/C)), float32.</summary>
    /// <param name="numClasses">C, the number of classes.</param>
    /// <param name="embeddingDim">E, the embedding size.</param>
    /// <param name="alpha">α, the scale (default 32, the value PUMA's code runs with).</param>
    /// <param name="margin">δ, the margin (default 0.1).</param>
    public ProxyAnchorLoss(int numClasses, int embeddingDim, double alpha = 32, double margin = 0.1)
        : base(nameof(ProxyAnchorLoss), numClasses, embeddingDim)
    {
        (Alpha, Margin) = CheckHyperParameters(alpha, margin);
        proxies = CreateProxies(numClasses, embeddingDim);
        RegisterComponents();
    }

    /// <summary>Creates the loss with a copy of the given proxies (C×E, floating point; the dtype is kept).</summary>
    /// <param name="initialProxies">The proxy values; the caller keeps ownership of this tensor.</param>
    /// <param name="alpha">α, the scale.</param>
    /// <param name="margin">δ, the margin.</param>
    public ProxyAnchorLoss(Tensor initialProxies, double alpha = 32, double margin = 0.1)
        : base(nameof(ProxyAnchorLoss), ProxyShape(initialProxies).NumClasses, ProxyShape(initialProxies).EmbeddingDim)
    {
        (Alpha, Margin) = CheckHyperParameters(alpha, margin);
        proxies = CopyProxies(initialProxies);
        RegisterComponents();
    }

    /// <summary>α, the scale applied to the cosines.</summary>
    public double Alpha { get; }

    /// <summary>δ, the margin.</summary>
    public double Margin { get; }

    /// <inheritdoc />
    public override Parameter Proxies => proxies;

    /// <summary>The loss for a batch: a 0-dim tensor (float32, or float64 when an input is float64), caller-owned.</summary>
    /// <param name="embeddings">[B,E] embeddings, not necessarily normalised.</param>
    /// <param name="labels">[B] int64 class indices in [0, C).</param>
    /// <exception cref="ArgumentOutOfRangeException">A label lies outside [0, C); checked before any tensor math.</exception>
    public override Tensor forward(Tensor embeddings, Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var (positive, negative) = ComputeTerms(embeddings, labels);
        return (positive + negative).MoveToOuterDisposeScope();
    }

    /// <summary>The positive and negative terms separately (both 0-dim, in the current dispose scope).</summary>
    internal (Tensor Positive, Tensor Negative) ComputeTerms(Tensor embeddings, Tensor labels)
    {
        ValidateBatch(embeddings, labels);
        var computeType = embeddings.dtype == ScalarType.Float64 || proxies.dtype == ScalarType.Float64
            ? ScalarType.Float64
            : ScalarType.Float32;
        var lowest = torch.finfo(computeType).min;

        var x = L2Normalization.Normalize(embeddings.to_type(computeType), dim: 1);
        var p = L2Normalization.Normalize(proxies.to_type(computeType), dim: 1);
        var cos = x.matmul(p.t());                                                   // [B, C]
        var isPositive = nn.functional.one_hot(labels, NumClasses).to_type(ScalarType.Bool);
        var zeroRow = torch.zeros(1, NumClasses, dtype: computeType, device: cos.device);

        var positiveLogits = (-Alpha * (cos - Margin)).masked_fill(isPositive.logical_not(), lowest);
        var negativeLogits = (Alpha * (cos + Margin)).masked_fill(isPositive, lowest);
        var positivePerProxy = torch.cat(new[] { zeroRow, positiveLogits }, dim: 0).logsumexp(dim: 0, keepdim: false);   // [C]
        var negativePerProxy = torch.cat(new[] { zeroRow, negativeLogits }, dim: 0).logsumexp(dim: 0, keepdim: false);   // [C]

        var proxiesWithPositives = isPositive.any(dim: 0, keepdim: false).sum().to_type(computeType);
        return (positivePerProxy.sum() / proxiesWithPositives, negativePerProxy.sum() / NumClasses);
    }

    private static (double Alpha, double Margin) CheckHyperParameters(double alpha, double margin)
    {
        if (!double.IsFinite(alpha) || alpha <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be positive and finite.");
        }
        if (!double.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "margin must be finite.");
        }
        return (alpha, margin);
    }
}
