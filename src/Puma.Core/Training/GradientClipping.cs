namespace Puma.Training;

/// <summary>How gradients are clipped before each optimizer step.</summary>
public abstract record GradientClipping
{
    /// <summary>No clipping.</summary>
    public static GradientClipping None { get; } = new NoClipping();

    /// <summary>The reference code's rule: clamp every gradient element to ±<paramref name="limit"/>.</summary>
    public static GradientClipping ByValue(double limit = 1.0) => new ValueClipping(limit);

    /// <summary>Rescale all gradients together so that their global L2 norm is at most <paramref name="maxNorm"/>.</summary>
    public static GradientClipping ByNorm(double maxNorm) => new NormClipping(maxNorm);

    internal sealed record NoClipping : GradientClipping;

    internal sealed record ValueClipping(double Limit) : GradientClipping;

    internal sealed record NormClipping(double MaxNorm) : GradientClipping;

    internal IEnumerable<string> Validate()
    {
        if (this is ValueClipping v && !(v.Limit > 0)) yield return $"Gradient clip value must be positive (got {v.Limit}).";
        if (this is NormClipping n && !(n.MaxNorm > 0)) yield return $"Gradient clip norm must be positive (got {n.MaxNorm}).";
    }
}
