using NUnit.Framework;
using Puma.Evaluation;
using static Puma.Core.Tests.Evaluation.RetrievalTestData;

namespace Puma.Core.Tests.Evaluation;

/// <summary>In-Shop style evaluation: query samples are never retrieved, gallery samples never query.</summary>
public class SeparateQueryGalleryTests
{
    [Test]
    public void QueriesSearchOnlyTheGallery()
    {
        // Two near-identical label-0 queries (cosine 0.99): as gallery items they would be each other's hit at rank 1.
        // Gallery: (0.8,0.6) label 1, (0.6,0.8) label 0, (-1,0) label 0. Both queries rank it miss, hit, hit (R = 2):
        // R@1 = 0, R@2 = 1, MAP@R = (0 + 1/2) / 2 = 0.25, R-precision = 1/2.
        var set = RetrievalSet.SingleDataset(
            Rows((1, 0), (0.99, 0.141), (0.8, 0.6), (0.6, 0.8), (-1, 0)), 2,
            [0, 0, 1, 0, 0],
            roles: [SampleRole.Query, SampleRole.Query, SampleRole.Gallery, SampleRole.Gallery, SampleRole.Gallery]);

        var metrics = RetrievalEvaluator.Evaluate(set, Options(1, 2)).Unified;

        Assert.That(metrics.Queries, Is.EqualTo(2));
        Assert.That(metrics.GallerySize, Is.EqualTo(3));
        Assert.That(metrics.LoneQueries, Is.Zero);
        Assert.That(metrics.RecallAt[1], Is.EqualTo(0.0));
        Assert.That(metrics.RecallAt[2], Is.EqualTo(1.0));
        Assert.That(metrics.MapAtR, Is.EqualTo(0.25).Within(1e-12));
        Assert.That(metrics.RPrecision, Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void DefaultRoleMakesEverySampleBoth()
    {
        var set = RetrievalSet.SingleDataset(Rows((1, 0), (0.99, 0.141), (0, 1)), 2, [0, 0, 1]);

        var metrics = RetrievalEvaluator.Evaluate(set).Unified;

        Assert.That(set.Roles, Has.All.EqualTo(SampleRole.Both));
        Assert.That(metrics.Queries, Is.EqualTo(3));
        Assert.That(metrics.GallerySize, Is.EqualTo(3));
        Assert.That(metrics.LoneQueries, Is.EqualTo(1));
        Assert.That(metrics.RecallAt[1], Is.EqualTo(1.0));
    }
}
