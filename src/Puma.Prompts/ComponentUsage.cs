using static TorchSharp.torch;

namespace Puma.Prompts;

/// <summary>
/// Per-component usage of a prompt pool: the running mean of each component's weight α_m and of |α_m| over the
/// training samples seen since the last <see cref="Reset"/>. A collapsed pool shows a few components dominating |α|.
/// </summary>
public sealed class ComponentUsage
{
    private readonly double[] sum;
    private readonly double[] absSum;
    private long samples;
    private readonly object gate = new();

    internal ComponentUsage(int components)
    {
        sum = new double[components];
        absSum = new double[components];
    }

    /// <summary>Samples observed since the last reset.</summary>
    public long Samples { get { lock (gate) return samples; } }

    /// <summary>Mean α per component (empty statistics give zeros).</summary>
    public double[] MeanWeight() => Snapshot(sum);

    /// <summary>Mean |α| per component.</summary>
    public double[] MeanAbsoluteWeight() => Snapshot(absSum);

    /// <summary>Clears the statistics.</summary>
    public void Reset()
    {
        lock (gate)
        {
            Array.Clear(sum);
            Array.Clear(absSum);
            samples = 0;
        }
    }

    internal void Observe(Tensor alpha)
    {
        using var scope = NewDisposeScope();
        var detached = alpha.detach().to(ScalarType.Float64).cpu();
        var total = detached.sum(dim: 0).data<double>().ToArray();
        var totalAbs = detached.abs().sum(dim: 0).data<double>().ToArray();
        lock (gate)
        {
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += total[i];
                absSum[i] += totalAbs[i];
            }
            samples += alpha.shape[0];
        }
    }

    private double[] Snapshot(double[] source)
    {
        lock (gate)
        {
            return samples == 0 ? new double[source.Length] : source.Select(v => v / samples).ToArray();
        }
    }
}
