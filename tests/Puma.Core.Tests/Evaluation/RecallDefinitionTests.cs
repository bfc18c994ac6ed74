using NUnit.Framework;
using Puma.Evaluation;
using static Puma.Core.Tests.Evaluation.RetrievalTestData;

namespace Puma.Core.Tests.Evaluation;

/// <summary>BR-11: Recall@K is a hit rate; MAP@R and R-precision use R = same-label gallery size.</summary>
public class RecallDefinitionTests
{
    private const int A = 0, B = 1;

    [Test]
    public void OneQueryOverARankedGallery()
    {
        // The query is (1,0); each gallery item's cosine with it sets the ranking B, A, A, A, B.
        var set = RetrievalSet.SingleDataset(
            Rows((1, 0), WithCosine(0.9), WithCosine(0.8), WithCosine(0.7), WithCosine(0.6), WithCosine(0.5)), 2,
            [A, B, A, A, A, B],
            roles: [SampleRole.Query, .. Enumerable.Repeat(SampleRole.Gallery, 5)]);

        var metrics = RetrievalEvaluator.Evaluate(set, Options(1, 2, 4)).Unified;

        Assert.That(metrics.Queries, Is.EqualTo(1));
        Assert.That(metrics.GallerySize, Is.EqualTo(5));
        Assert.That(metrics.RecallAt[1], Is.EqualTo(0.0));
        Assert.That(metrics.RecallAt[2], Is.EqualTo(1.0), "IR recall@2 would be 1/3");
        Assert.That(metrics.RecallAt[4], Is.EqualTo(1.0));
        Assert.That(metrics.RPrecision, Is.EqualTo(2.0 / 3.0).Within(1e-6));
        Assert.That(metrics.MapAtR, Is.EqualTo(0.388889).Within(1e-6));
    }

    [Test]
    public void MapAtRRetrievesRNeighboursEvenWhenLargerThanEveryK()
    {
        // R = 3 > max K = 1: a search limited to K neighbours would see only the first (a miss) and report MAP@R 0.
        var set = RetrievalSet.SingleDataset(
            Rows((1, 0), WithCosine(0.9), WithCosine(0.8), WithCosine(0.7), WithCosine(0.6), WithCosine(0.5)), 2,
            [A, B, A, A, A, B],
            roles: [SampleRole.Query, .. Enumerable.Repeat(SampleRole.Gallery, 5)]);

        var metrics = RetrievalEvaluator.Evaluate(set, Options(1)).Unified;

        Assert.That(metrics.RecallAt.Keys, Is.EqualTo(new[] { 1 }));
        Assert.That(metrics.MapAtR, Is.EqualTo(7.0 / 18.0).Within(1e-12));
        Assert.That(metrics.RPrecision, Is.EqualTo(2.0 / 3.0).Within(1e-12));
    }

    [Test]
    public void RecallAt1IsAlwaysReportedAndKsAreAscending()
    {
        var set = RetrievalSet.SingleDataset(Rows((1, 0), (0.8, 0.6), (0, 1)), 2, [0, 0, 1]);

        var metrics = RetrievalEvaluator.Evaluate(set, Options(2, 1 + 3)).Unified;

        Assert.That(metrics.RecallAt.Keys, Is.EqualTo(new[] { 1, 2, 4 }));
    }
}
