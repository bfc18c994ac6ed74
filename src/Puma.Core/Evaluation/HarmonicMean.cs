namespace Puma.Evaluation;

/// <summary>Harmonic mean of per-dataset scores, defined for zeros (result 0) and NaN (result NaN).</summary>
public static class HarmonicMean
{
    /// <summary>n / Σ 1/v: 0 when any value is 0, NaN when any is NaN or there is none.</summary>
    public static double Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0 || values.Any(double.IsNaN)) return double.NaN;
        if (values.Any(v => v == 0)) return 0;
        return values.Count / values.Sum(v => 1 / v);
    }
}
