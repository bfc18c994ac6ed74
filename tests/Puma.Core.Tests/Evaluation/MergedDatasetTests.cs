using NUnit.Framework;
using Puma.Evaluation;
using static Puma.Core.Tests.Evaluation.RetrievalTestData;

namespace Puma.Core.Tests.Evaluation;

/// <summary>BR-12: per-dataset, unified and harmonic-mean scopes over merged datasets.</summary>
public class MergedDatasetTests
{
    // Dataset A: (1,0), (0,1), local label 0. Dataset B: (0.99,0.141), (-1,0), local label 0.
    private static readonly float[] Embeddings = Rows((1, 0), (0, 1), (0.99, 0.141), (-1, 0));
    private static readonly int[] Datasets = [0, 0, 1, 1];

    [Test]
    public void OffsetLabelsSeparateUnifiedFromPerDatasetRecall()
    {
        var set = new RetrievalSet(Embeddings, 2, [0, 0, 1, 1], Datasets, ["A", "B"]);

        var report = RetrievalEvaluator.Evaluate(set);

        Assert.That(report.Unified.RecallAt[1], Is.EqualTo(0.0), "every nearest neighbour is in the other dataset");
        Assert.That(report.Datasets.Select(d => d.Name), Is.EqualTo(new[] { "A", "B" }));
        Assert.That(report.Datasets[0].Metrics.RecallAt[1], Is.EqualTo(1.0));
        Assert.That(report.Datasets[1].Metrics.RecallAt[1], Is.EqualTo(1.0));
        Assert.That(report.Datasets[0].Metrics.GallerySize, Is.EqualTo(2));
        Assert.That(report.Unified.GallerySize, Is.EqualTo(4));
        Assert.That(report.HarmonicMeanRecallAt1, Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void CollidingLabelsWouldInflateUnifiedRecall()
    {
        var set = new RetrievalSet(Embeddings, 2, [0, 0, 0, 0], Datasets, ["A", "B"]);
        var options = RetrievalOptions.Default with { AllowLabelsSharedAcrossDatasets = true };

        var report = RetrievalEvaluator.Evaluate(set, options);

        Assert.That(report.Unified.RecallAt[1], Is.EqualTo(1.0));
    }

    [Test]
    public void CollidingLabelsAreRejectedByDefault()
    {
        var set = new RetrievalSet(Embeddings, 2, [0, 0, 0, 0], Datasets, ["A", "B"]);

        var error = Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate(set));

        Assert.That(error!.Message, Does.Contain("Label 0").And.Contain("'A'").And.Contain("'B'"));
    }

    [Test]
    public void HarmonicMeanIsZeroWhenOneDatasetScoresZero()
    {
        // A: query (1,0) label 0; its nearest gallery item (0.8,0.6) has label 1, its same-label one (0,1) is further: 0.
        // B: two label-2 items that find each other: 1.
        var set = new RetrievalSet(
            Rows((1, 0), (0.8, 0.6), (0, 1), (1, 0), (0.8, 0.6)), 2,
            [0, 1, 0, 2, 2], [0, 0, 0, 1, 1], ["A", "B"],
            [SampleRole.Query, SampleRole.Gallery, SampleRole.Gallery, SampleRole.Both, SampleRole.Both]);

        var report = RetrievalEvaluator.Evaluate(set);

        Assert.That(report.Datasets[0].Metrics.RecallAt[1], Is.EqualTo(0.0));
        Assert.That(report.Datasets[1].Metrics.RecallAt[1], Is.EqualTo(1.0));
        Assert.That(report.HarmonicMeanRecallAt1, Is.EqualTo(0.0));
    }

    [Test]
    public void HarmonicMeanOfUnequalRecalls()
    {
        // A: label-0 queries (1,0) and (0,1) over gallery (0.8,0.6) label 0 and (0.6,0.8) label 1: the first hits,
        // the second finds label 1 first, so R@1 = 1/2. B: one query that hits, R@1 = 1. H = 2 / (2 + 1) = 2/3.
        var set = new RetrievalSet(
            Rows((1, 0), (0, 1), (0.8, 0.6), (0.6, 0.8), (1, 0), (0.8, 0.6)), 2,
            [0, 0, 0, 1, 2, 2], [0, 0, 0, 0, 1, 1], ["A", "B"],
            [SampleRole.Query, SampleRole.Query, SampleRole.Gallery, SampleRole.Gallery, SampleRole.Query, SampleRole.Gallery]);

        var report = RetrievalEvaluator.Evaluate(set);

        Assert.That(report.Datasets[0].Metrics.RecallAt[1], Is.EqualTo(0.5));
        Assert.That(report.Datasets[1].Metrics.RecallAt[1], Is.EqualTo(1.0));
        Assert.That(report.HarmonicMeanRecallAt1, Is.EqualTo(2.0 / 3.0).Within(1e-12));
    }
}
