using Puma.Hooks;
using static TorchSharp.torch;

namespace Puma.Prompts;

/// <summary>
/// Per-component usage of a prompt pool over the training samples seen since the last <see cref="Reset"/>: the mean of
/// each component's weight α_m and of |α_m| and, in top-k mode, how many samples selected each component (there the
/// weight of a component is 1 when selected and 0 otherwise, so the mean weight is its selection share).
/// A collapsed pool shows a few components dominating. <see cref="Training.MetricTrainer"/> resets and logs it every epoch.
/// </summary>
public sealed class ComponentUsage
{
    private readonly double[] sum;
    private readonly double[] absSum;
    private readonly long[]? selections;
    private long samples;
    private readonly object gate = new();

    internal ComponentUsage(int components, bool countsSelections)
    {
        sum = new double[components];
        absSum = new double[components];
        selections = countsSelections ? new long[components] : null;
    }

    /// <summary>Samples observed since the last reset.</summary>
    public long Samples { get { lock (gate) return samples; } }

    /// <summary>Mean α per component (empty statistics give zeros).</summary>
    public double[] MeanWeight() => Snapshot(sum);

    /// <summary>Mean |α| per component.</summary>
    public double[] MeanAbsoluteWeight() => Snapshot(absSum);

    /// <summary>Samples that selected each component (top-k mode), or null in attention mode.</summary>
    public long[]? SelectionCounts()
    {
        lock (gate) return selections?.ToArray();
    }

    /// <summary>The statistics as a snapshot named <paramref name="source"/>.</summary>
    public ComponentUsageSnapshot ToSnapshot(string source)
    {
        lock (gate) return new ComponentUsageSnapshot(source, samples, Snapshot(sum), selections?.ToArray());
    }

    /// <summary>Clears the statistics.</summary>
    public void Reset()
    {
        lock (gate)
        {
            Array.Clear(sum);
            Array.Clear(absSum);
            if (selections is not null) Array.Clear(selections);
            samples = 0;
        }
    }

    /// <summary>Adds a batch of weights <c>[B, M]</c> (in top-k mode the 0/1 selection mask, also counted).</summary>
    internal void Observe(Tensor weights)
    {
        using var scope = NewDisposeScope();
        var detached = weights.detach().to(ScalarType.Float64).cpu();
        var total = detached.sum(dim: 0).data<double>().ToArray();
        var totalAbs = detached.abs().sum(dim: 0).data<double>().ToArray();
        lock (gate)
        {
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += total[i];
                absSum[i] += totalAbs[i];
                if (selections is not null) selections[i] += (long)Math.Round(total[i]);
            }
            samples += weights.shape[0];
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
