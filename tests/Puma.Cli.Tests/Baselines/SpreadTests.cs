using NUnit.Framework;
using Puma.Cli.Baselines;

namespace Puma.Cli.Tests.Baselines;

/// <summary>Mean ± sample standard deviation over seeds and the verdict rule of the comparison table.</summary>
public class SpreadTests
{
    [Test]
    public void MeanAndSampleStandardDeviationByHand()
    {
        var spread = Spread.Of([0.50, 0.52, 0.57, null, double.NaN]);
        Assert.That(spread.Count, Is.EqualTo(3), "undefined values are left out");
        Assert.That(spread.Mean, Is.EqualTo(0.53).Within(1e-12));
        // deviations −0.03, −0.01, 0.04: squares sum 0.0026, / (3 − 1) = 0.0013
        Assert.That(spread.StandardDeviation, Is.EqualTo(Math.Sqrt(0.0013)).Within(1e-12));
        Assert.That(spread.Percent(), Is.EqualTo("53.00 ± 3.61"));
        Assert.That(Spread.Of([0.4]).Percent(), Is.EqualTo("40.00"));
        Assert.That(Spread.Of([]).Percent(), Is.EqualTo("n/a"));
    }

    [TestCase(0.60, 0.01, 0.55, 0.02, "PUMA ahead")]
    [TestCase(0.55, 0.02, 0.56, 0.02, "within the spread")]
    [TestCase(0.50, 0.01, 0.60, 0.01, "row ahead")]
    public void VerdictComparesTheGapWithTheLargerSpread(double puma, double pumaStd, double row, double rowStd, string verdict)
    {
        Assert.That(BaselineReport.Verdict(Around(puma, pumaStd), Around(row, rowStd)), Is.EqualTo(verdict));
    }

    [Test]
    public void SingleRunsUseHalfAPoint()
    {
        Assert.That(BaselineReport.Verdict(Spread.Of([0.600]), Spread.Of([0.597])), Is.EqualTo("within the spread"));
        Assert.That(BaselineReport.Verdict(Spread.Of([0.600]), Spread.Of([0.590])), Is.EqualTo("PUMA ahead"));
        Assert.That(BaselineReport.Verdict(Spread.Of([]), Spread.Of([0.590])), Is.EqualTo("undefined"));
    }

    /// <summary>Three values with mean <paramref name="mean"/> and sample std <paramref name="std"/>: mean − std, mean, mean + std.</summary>
    private static Spread Around(double mean, double std) => Spread.Of([mean - std, mean, mean + std]);
}
