using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Puma.Evaluation;
using static Puma.Core.Tests.Evaluation.RetrievalTestData;

namespace Puma.Core.Tests.Evaluation;

/// <summary>BR-09: queries whose class has no other gallery item.</summary>
public class LoneQueryTests
{
    // (1,0) and (0.9,0.43589) share label 0; (0,1) and (-1,0) are alone in labels 1 and 2.
    private static RetrievalSet TwoPairedTwoLone() =>
        RetrievalSet.SingleDataset(Rows((1, 0), (0.9, 0.43589), (0, 1), (-1, 0)), 2, [0, 0, 1, 2]);

    [Test]
    public void LoneQueriesAreExcludedAndCountedByDefault()
    {
        var metrics = RetrievalEvaluator.Evaluate(TwoPairedTwoLone()).Unified;

        Assert.That(metrics.RecallAt[1], Is.EqualTo(1.0));
        Assert.That(metrics.Queries, Is.EqualTo(4));
        Assert.That(metrics.LoneQueries, Is.EqualTo(2));
        Assert.That(metrics.EvaluatedQueries, Is.EqualTo(2));
        Assert.That(metrics.MapAtR, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(metrics.RPrecision, Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void PumaCompatiblePolicyCountsLoneQueriesAsMisses()
    {
        var options = RetrievalOptions.Default with { LoneQueries = LoneQueryPolicy.CountAsMiss };

        var metrics = RetrievalEvaluator.Evaluate(TwoPairedTwoLone(), options).Unified;

        Assert.That(metrics.RecallAt[1], Is.EqualTo(0.5));
        Assert.That(metrics.LoneQueries, Is.EqualTo(2));
        Assert.That(metrics.EvaluatedQueries, Is.EqualTo(4));
        Assert.That(metrics.MapAtR, Is.EqualTo(0.5).Within(1e-12));
        Assert.That(metrics.RPrecision, Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void AllLoneQueriesGiveNaNAndAWarningNotZero()
    {
        var set = RetrievalSet.SingleDataset(Rows((1, 0), (0.9, 0.43589), (0, 1), (-1, 0)), 2, [0, 1, 2, 3], "solo");
        var logger = new RecordingLogger();

        var report = RetrievalEvaluator.Evaluate(set, logger: logger);

        var metrics = report.Unified;
        Assert.That(metrics.LoneQueries, Is.EqualTo(4));
        Assert.That(metrics.EvaluatedQueries, Is.Zero);
        Assert.That(metrics.RecallAt.Values, Has.All.NaN);
        Assert.That(metrics.RecallAt.Keys, Is.EqualTo(new[] { 1, 2, 4, 8 }));
        Assert.That(metrics.MapAtR, Is.NaN);
        Assert.That(metrics.RPrecision, Is.NaN);
        Assert.That(report.HarmonicMeanRecallAt1, Is.NaN);
        Assert.That(logger.Warnings.ToList(), Has.Count.EqualTo(2), "one warning for the dataset scope, one for unified");
        Assert.That(logger.Warnings.First(), Does.Contain("solo").And.Contain("all 4 queries are lone"));
    }

    [Test]
    public void AllLoneQueriesCountedAsMissesScoreZeroAndStillWarn()
    {
        var set = RetrievalSet.SingleDataset(Rows((1, 0), (0, 1)), 2, [0, 1]);
        var logger = new RecordingLogger();

        var metrics = RetrievalEvaluator.Evaluate(
            set, RetrievalOptions.Default with { LoneQueries = LoneQueryPolicy.CountAsMiss }, logger).Unified;

        Assert.That(metrics.RecallAt.Values, Has.All.EqualTo(0.0));
        Assert.That(metrics.EvaluatedQueries, Is.EqualTo(2));
        Assert.That(logger.Entries.Count(e => e.Level == LogLevel.Warning), Is.EqualTo(2));
    }

    [Test]
    public void SomeLoneQueriesAreLoggedAsInformation()
    {
        var logger = new RecordingLogger();

        RetrievalEvaluator.Evaluate(TwoPairedTwoLone(), logger: logger);

        Assert.That(logger.Warnings, Is.Empty);
        Assert.That(logger.Entries.Any(e => e.Level == LogLevel.Information && e.Message.Contains("2 of 4 queries are lone")));
    }
}
