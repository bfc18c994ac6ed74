using System.Globalization;

namespace Puma.Cli.Baselines;

/// <summary>Mean and sample standard deviation (n − 1) of a figure over seeds; NaN values are left out.</summary>
internal readonly record struct Spread(double Mean, double StandardDeviation, int Count)
{
    public static Spread Of(IEnumerable<double?> values)
    {
        var defined = values.Where(v => v is double d && double.IsFinite(d)).Select(v => v!.Value).ToList();
        if (defined.Count == 0) return new Spread(double.NaN, double.NaN, 0);
        double mean = defined.Average();
        double std = defined.Count > 1 ? Math.Sqrt(defined.Sum(v => (v - mean) * (v - mean)) / (defined.Count - 1)) : double.NaN;
        return new Spread(mean, std, defined.Count);
    }

    /// <summary>As a percentage with two decimals: <c>57.06 ± 0.31</c>, or <c>57.06</c> for one value, <c>n/a</c> for none.</summary>
    public string Percent() => Count == 0 ? "n/a"
        : Count == 1 ? (100 * Mean).ToString("F2", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{100 * Mean:F2} ± {100 * StandardDeviation:F2}");
}
