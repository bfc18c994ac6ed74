namespace Puma.Losses;

/// <summary>
/// CurricularFace with the given scale s and margin m (defaults 32 and 0.3, PUMA's main recipe) and the per-class
/// running positive cosine t of the reference code (momentum 0.99, initialised to 0).
/// </summary>
public sealed class CurricularFaceLossSpec(double scale = 32, double margin = 0.3, double momentum = CurricularFaceLoss.DefaultMomentum)
    : MetricLossSpec
{
    /// <summary>Scale s.</summary>
    public double Scale => scale;

    /// <summary>Angular margin m (radians).</summary>
    public double Margin => margin;

    /// <summary>Momentum of the running positive cosine t.</summary>
    public double Momentum => momentum;

    /// <inheritdoc />
    public override string Description => $"curricularface s={scale} m={margin}";

    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        if (!(scale > 0) || double.IsInfinity(scale)) yield return $"CurricularFace scale must be positive and finite (got {scale}).";
        if (!(margin >= 0 && margin < Math.PI / 2)) yield return $"CurricularFace margin must be in [0, π/2) radians (got {margin}).";
        if (!(momentum >= 0 && momentum < 1)) yield return $"CurricularFace momentum must be in [0, 1) (got {momentum}).";
    }

    /// <inheritdoc />
    public override MetricLoss Create(int numClasses, int embeddingDim) => new CurricularFaceLoss(numClasses, embeddingDim, scale, margin, momentum);
}
