namespace Puma.Losses;

/// <summary>Proxy-Anchor (Kim et al., CVPR 2020) with the given scale α and margin δ (defaults 32 and 0.1).</summary>
public sealed class ProxyAnchorLossSpec(double alpha = 32, double margin = 0.1) : MetricLossSpec
{
    /// <summary>Scale α.</summary>
    public double Alpha => alpha;

    /// <summary>Margin δ.</summary>
    public double Margin => margin;

    /// <inheritdoc />
    public override string Description => FormattableString.Invariant($"proxy-anchor α={alpha} δ={margin}");

    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        if (!(alpha > 0) || double.IsInfinity(alpha)) yield return $"Proxy-Anchor alpha must be positive and finite (got {alpha}).";
        if (!double.IsFinite(margin) || margin < 0 || margin >= 1) yield return $"Proxy-Anchor margin must be in [0, 1) (got {margin}).";
    }

    /// <inheritdoc />
    public override MetricLoss Create(int numClasses, int embeddingDim) => new ProxyAnchorLoss(numClasses, embeddingDim, alpha, margin);
}
