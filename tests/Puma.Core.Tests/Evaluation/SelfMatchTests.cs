using NUnit.Framework;
using Puma.Evaluation;
using static Puma.Core.Tests.Evaluation.RetrievalTestData;

namespace Puma.Core.Tests.Evaluation;

/// <summary>BR-07: self-matches are removed by sample identity, never by dropping rank 0.</summary>
public class SelfMatchTests
{
    // A, A, B, B with A = (1,0), B = (0,1); labels [1,0,1,0]: each item's only exact copy has the other label.
    private static RetrievalSet DuplicatesWithCrossedLabels() =>
        RetrievalSet.SingleDataset(Rows((1, 0), (1, 0), (0, 1), (0, 1)), 2, [1, 0, 1, 0]);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(1024)]
    public void DuplicateOfOtherLabelIsTheNearestNeighbourNotSelf(int chunk)
    {
        var report = RetrievalEvaluator.Evaluate(DuplicatesWithCrossedLabels(), Options(1, 3) with { QueryChunkSize = chunk });

        var unified = report.Unified;
        Assert.That(unified.RecallAt[1], Is.EqualTo(0.0), "a position-based removal would report 0.5");
        Assert.That(unified.RecallAt[3], Is.EqualTo(1.0));
        Assert.That(unified.LoneQueries, Is.Zero);
        Assert.That(report.Datasets[0].Metrics.RecallAt[1], Is.EqualTo(0.0));
    }

    [Test]
    public void SelfNeverCountsEvenWhenEveryCandidateTiesWithIt()
    {
        // Four identical vectors; only sample 0 has label 7, so it is lone: a leaked self-match would make it a hit.
        var set = RetrievalSet.SingleDataset(Rows((1, 0), (1, 0), (1, 0), (1, 0)), 2, [7, 3, 3, 3]);

        // K = 4 covers every candidate (and is clipped to the 3 of them), so the tie order cannot matter.
        var metrics = RetrievalEvaluator.Evaluate(set, Options(4) with { LoneQueries = LoneQueryPolicy.CountAsMiss }).Unified;

        Assert.That(metrics.LoneQueries, Is.EqualTo(1));
        Assert.That(metrics.RecallAt[4], Is.EqualTo(0.75), "samples 1-3 hit; sample 0 would hit only through itself");
    }
}
