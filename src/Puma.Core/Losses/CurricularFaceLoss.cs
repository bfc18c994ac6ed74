using Puma.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Losses;

/// <summary>
/// CurricularFace (Huang et al., CVPR 2020) as PUMA's reference code runs it (its main recipe: s = 32, m = 0.3).
/// With cos θ_j the cosine between the L2-normalised embedding and proxy j, and y the sample's class:
/// <code>
/// positive logit  φ    = cos(θ_y + m)             if cos θ_y > cos(π − m)
///                        cos θ_y − m·sin(π − m)    otherwise
/// negative logit  N_j  = cos θ_j                   if φ ≥ cos θ_j   (easy negative)
///                        cos θ_j · (t_y + cos θ_j)  otherwise       (hard negative)
/// L = cross-entropy over s · [φ at y, N_j elsewhere], averaged over the batch
/// </code>
/// t is a <b>per-class</b> running mean of the positive cosine (the reference's buffer <c>pos_sim</c>, initialised to
/// 0; the original paper uses one global t): after each training-mode call, for every class c present in the batch,
/// <c>t[c] ← momentum · t[c] + (1 − momentum) · mean(cos θ_c of the samples of c)</c> with the un-margined cosine.
/// The update happens after the loss is computed, so a call uses the state left by the previous one. In eval mode t is
/// read but not updated; a class whose batch cosine is not finite keeps its t. t is a buffer (state-dict key <c>pos_sim</c>, saved with the trainable checkpoint).
/// The computation runs in float32 (float64 when an input is float64).
/// </summary>
public sealed class CurricularFaceLoss : MetricLoss
{
    /// <summary>The reference's momentum of the running positive cosine.</summary>
    public const double DefaultMomentum = 0.99;

    /// <summary>Lower bound of 1 − cos² under the square root: keeps the gradient finite when a cosine reaches ±1.</summary>
    private const double SineFloor = 1e-12;

    private readonly Parameter proxies;
    private readonly Tensor pos_sim;

    /// <summary>Creates the loss with proxies drawn by kaiming-uniform (fan_out): U(−√(6/C), √(6/C)), float32; t = 0.</summary>
    /// <param name="numClasses">C, the number of classes.</param>
    /// <param name="embeddingDim">E, the embedding size.</param>
    /// <param name="scale">s, the logit scale (default 32, the reference's <c>--alpha 32</c>).</param>
    /// <param name="margin">m, the additive angular margin in radians (default 0.3, the reference's <c>--mrg 0.3</c>).</param>
    /// <param name="momentum">Momentum of the per-class running positive cosine t (default 0.99).</param>
    public CurricularFaceLoss(int numClasses, int embeddingDim, double scale = 32, double margin = 0.3, double momentum = DefaultMomentum)
        : base(nameof(CurricularFaceLoss), numClasses, embeddingDim)
    {
        (Scale, Margin, Momentum) = CheckHyperParameters(scale, margin, momentum);
        proxies = CreateProxies(numClasses, embeddingDim);
        pos_sim = CreateRunningCosine(numClasses, ScalarType.Float32);
        RegisterComponents();
    }

    /// <summary>Creates the loss with a copy of the given proxies (C×E, floating point; the dtype is kept); t = 0.</summary>
    /// <param name="initialProxies">The proxy values; the caller keeps ownership of this tensor.</param>
    /// <param name="scale">s, the logit scale.</param>
    /// <param name="margin">m, the angular margin in radians.</param>
    /// <param name="momentum">Momentum of the running positive cosine.</param>
    public CurricularFaceLoss(Tensor initialProxies, double scale = 32, double margin = 0.3, double momentum = DefaultMomentum)
        : base(nameof(CurricularFaceLoss), ProxyShape(initialProxies).NumClasses, ProxyShape(initialProxies).EmbeddingDim)
    {
        (Scale, Margin, Momentum) = CheckHyperParameters(scale, margin, momentum);
        proxies = CopyProxies(initialProxies);
        pos_sim = CreateRunningCosine(NumClasses, initialProxies.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32);
        RegisterComponents();
    }

    /// <summary>s, the scale applied to the logits.</summary>
    public double Scale { get; }

    /// <summary>m, the additive angular margin (radians).</summary>
    public double Margin { get; }

    /// <summary>Momentum of the per-class running positive cosine.</summary>
    public double Momentum { get; }

    /// <inheritdoc />
    public override Parameter Proxies => proxies;

    /// <summary>t, the per-class running mean of the positive cosine <c>[C]</c> (a buffer owned by the loss; do not dispose).</summary>
    public Tensor RunningPositiveCosine => pos_sim;

    /// <summary>The loss for a batch: a 0-dim tensor, caller-owned. In training mode it then updates t.</summary>
    /// <param name="embeddings">[B,E] embeddings, not necessarily normalised.</param>
    /// <param name="labels">[B] int64 class indices in [0, C).</param>
    /// <exception cref="ArgumentOutOfRangeException">A label lies outside [0, C); checked before any tensor math.</exception>
    public override Tensor forward(Tensor embeddings, Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var (logits, cosine) = ScaledLogits(embeddings, labels);
        var loss = nn.functional.cross_entropy(logits, labels);
        if (training) UpdateRunningCosine(cosine, labels);
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>The scaled logits s·(…) <c>[B, C]</c> and the plain cosines <c>[B, C]</c> (both in the current dispose scope).</summary>
    internal (Tensor Logits, Tensor Cosine) ScaledLogits(Tensor embeddings, Tensor labels)
    {
        ValidateBatch(embeddings, labels);
        var computeType = embeddings.dtype == ScalarType.Float64 || proxies.dtype == ScalarType.Float64
            ? ScalarType.Float64
            : ScalarType.Float32;
        var x = L2Normalization.Normalize(embeddings.to_type(computeType), dim: 1);
        var p = L2Normalization.Normalize(proxies.to_type(computeType), dim: 1);
        var cosine = x.matmul(p.t());                                                    // [B, C]
        var target = labels.unsqueeze(1);                                                // [B, 1]

        // Only the target column needs the margin: computing it there alone keeps sin θ away from the other columns.
        var cosTarget = cosine.gather(1, target);                                        // [B, 1]
        var sinTarget = (1 - cosTarget.square()).clamp_min(SineFloor).sqrt();
        var threshold = Math.Cos(Math.PI - Margin);
        var fallback = Math.Sin(Math.PI - Margin) * Margin;
        var phi = torch.where(cosTarget > threshold,
            cosTarget * Math.Cos(Margin) - sinTarget * Math.Sin(Margin),
            cosTarget - fallback);                                                       // [B, 1]

        var t = pos_sim.detach().to_type(computeType).index_select(0, labels).unsqueeze(1);  // [B, 1], the sample's own class
        var negative = torch.where(phi >= cosine, cosine, cosine * (cosine + t));        // phi detached in the comparison only
        var isTarget = nn.functional.one_hot(labels, NumClasses).to_type(ScalarType.Bool);
        var logits = torch.where(isTarget, phi.expand_as(cosine), negative) * Scale;
        return (logits, cosine);
    }

    private void UpdateRunningCosine(Tensor cosine, Tensor labels)
    {
        using var noGrad = torch.no_grad();
        var cos = cosine.detach().to_type(pos_sim.dtype);
        var isTarget = nn.functional.one_hot(labels, NumClasses).to_type(ScalarType.Bool);  // [B, C]
        var counts = isTarget.to_type(pos_sim.dtype).sum(dim: 0);                          // [C]
        // masked_fill, not a product with the mask: a NaN cosine of one sample must not leak into other classes.
        var batchMean = cos.masked_fill(isTarget.logical_not(), 0).sum(dim: 0) / counts.clamp_min(1);
        var updated = pos_sim * Momentum + batchMean * (1 - Momentum);
        // A non-finite batch (the trainer then skips the step) must not poison the running state.
        var valid = (counts > 0).logical_and(torch.isfinite(batchMean));
        pos_sim.copy_(torch.where(valid, updated, pos_sim));
    }

    private static Tensor CreateRunningCosine(int numClasses, ScalarType dtype)
    {
        var values = torch.zeros(numClasses, dtype: dtype);
        values.DetachFromDisposeScope();
        return values;
    }

    private static (double Scale, double Margin, double Momentum) CheckHyperParameters(double scale, double margin, double momentum)
    {
        if (!double.IsFinite(scale) || scale <= 0)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be positive and finite.");
        if (!double.IsFinite(margin) || margin < 0 || margin >= Math.PI / 2)
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "margin must be in [0, π/2) radians.");
        if (!double.IsFinite(momentum) || momentum < 0 || momentum >= 1)
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1).");
        return (scale, margin, momentum);
    }
}
