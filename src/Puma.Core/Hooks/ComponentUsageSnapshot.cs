using System.Globalization;

namespace Puma.Hooks;

/// <summary>Per-component usage over a span of training (see <see cref="IComponentUsageSource"/>).</summary>
/// <param name="Source">What the components belong to (for example <c>prompt</c>).</param>
/// <param name="Samples">Training samples observed.</param>
/// <param name="MeanWeight">Mean weight of each component per sample (in a top-k mode: the share of samples selecting it).</param>
/// <param name="SelectionCounts">How many samples selected each component (top-k modes), or null.</param>
public sealed record ComponentUsageSnapshot(string Source, long Samples, IReadOnlyList<double> MeanWeight, IReadOnlyList<long>? SelectionCounts)
{
    /// <summary>One log line: source, samples, mean weights and, when present, selection counts.</summary>
    public override string ToString()
    {
        var weights = string.Join(" ", MeanWeight.Select(w => w.ToString("0.000", CultureInfo.InvariantCulture)));
        var text = $"{Source} usage over {Samples} samples: mean weight [{weights}]";
        return SelectionCounts is null ? text : text + $"; selections [{string.Join(" ", SelectionCounts)}]";
    }
}
