namespace Puma.Adapters;

/// <summary>
/// Options of <see cref="StochasticAdapter"/>. Defaults are the PUMA reference code's: bottleneck r = 128, DropPath
/// p = 0.5 during training, fixed scale 0.1, ReLU, no biases, zero-initialised up-projection.
/// </summary>
public sealed class StochasticAdapterOptions
{
    /// <summary>Bottleneck width r (default 128).</summary>
    public int Bottleneck { get; private set; } = 128;

    /// <summary>Per-sample probability of dropping an adapter branch during training (default 0.5; 0 = plain adapters).</summary>
    public double DropPath { get; private set; } = 0.5;

    /// <summary>Fixed output scale s (default 0.1; not trained).</summary>
    public double OutputScale { get; private set; } = 0.1;

    /// <summary>Sets the bottleneck width r.</summary>
    public StochasticAdapterOptions BottleneckDim(int r)
    {
        Bottleneck = r;
        return this;
    }

    /// <summary>Sets the per-sample DropPath probability p used in training.</summary>
    public StochasticAdapterOptions DropProbability(double p)
    {
        DropPath = p;
        return this;
    }

    /// <summary>Sets the fixed output scale s.</summary>
    public StochasticAdapterOptions Scale(double s)
    {
        OutputScale = s;
        return this;
    }

    internal IEnumerable<string> Validate(int embedDim)
    {
        if (Bottleneck <= 0) yield return $"Bottleneck dim must be positive (got {Bottleneck}).";
        else if (Bottleneck > embedDim) yield return $"Bottleneck dim {Bottleneck} is larger than the backbone width {embedDim}.";
        if (!(DropPath >= 0 && DropPath < 1)) yield return $"Drop probability must be in [0, 1) (got {DropPath}).";
        if (!double.IsFinite(OutputScale)) yield return $"Scale must be finite (got {OutputScale}).";
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"stochastic adapters r={Bottleneck} p={DropPath} s={OutputScale}");
}
