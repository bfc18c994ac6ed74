using NUnit.Framework;
using Puma.Evaluation;
using TorchSharp;
using static Puma.Core.Tests.Evaluation.RetrievalTestData;

namespace Puma.Core.Tests.Evaluation;

/// <summary>K clipping, chunk-size independence and native-memory hygiene of the chunked kNN.</summary>
public class KnnChunkingTests
{
    [Test]
    public void KLargerThanTheGalleryIsClippedToTheCandidates()
    {
        // Three samples, labels [0, 0, 1]: two candidates each. K = 100 sees every candidate.
        var set = RetrievalSet.SingleDataset(Rows((1, 0), (0, 1), (0.8, 0.6)), 2, [0, 0, 1]);

        var metrics = RetrievalEvaluator.Evaluate(set, Options(1, 2, 100)).Unified;

        // Query (1,0): nearest (0.8,0.6) is label 1, then (0,1) hits. Query (0,1): same. (0.8,0.6) is lone.
        Assert.That(metrics.RecallAt[1], Is.EqualTo(0.0));
        Assert.That(metrics.RecallAt[2], Is.EqualTo(1.0));
        Assert.That(metrics.RecallAt[100], Is.EqualTo(1.0));
        Assert.That(metrics.LoneQueries, Is.EqualTo(1));
    }

    [Test]
    public void ChunkSizeDoesNotChangeAnyValue()
    {
        var set = RandomSet(seed: 11, count: 60, dimension: 5, classes: 9);
        var reports = new[] { 1, 2, 7, 4096 }
            .Select(chunk => RetrievalEvaluator.Evaluate(set, Options(1, 2, 4, 8) with { QueryChunkSize = chunk }))
            .ToArray();

        foreach (var report in reports.Skip(1))
        {
            AssertSame(report.Unified, reports[0].Unified);
            for (int d = 0; d < report.Datasets.Count; d++)
                AssertSame(report.Datasets[d].Metrics, reports[0].Datasets[d].Metrics);
            Assert.That(report.HarmonicMeanRecallAt1, Is.EqualTo(reports[0].HarmonicMeanRecallAt1));
        }
        Assert.That(reports[0].Unified.RecallAt[8], Is.GreaterThan(0), "the set is not degenerate");
    }

    [Test]
    public void EvaluationLeavesNoLiveTensor()
    {
        var set = RandomSet(seed: 5, count: 40, dimension: 4, classes: 6);
        RetrievalEvaluator.Evaluate(set, Options(1, 2) with { QueryChunkSize = 3 });
        long before = torch.Tensor.TotalCount;

        RetrievalEvaluator.Evaluate(set, Options(1, 2) with { QueryChunkSize = 3 });

        Assert.That(torch.Tensor.TotalCount, Is.EqualTo(before));
    }

    [Test]
    public void CancellationIsHonouredBetweenChunks()
    {
        var set = RandomSet(seed: 3, count: 20, dimension: 4, classes: 4);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(
            () => RetrievalEvaluator.Evaluate(set, cancellationToken: cancelled.Token));
    }

    private static void AssertSame(RetrievalMetrics actual, RetrievalMetrics expected)
    {
        Assert.That(actual.RecallAt, Is.EqualTo(expected.RecallAt));
        Assert.That(actual.MapAtR, Is.EqualTo(expected.MapAtR));
        Assert.That(actual.RPrecision, Is.EqualTo(expected.RPrecision));
        Assert.That(actual.LoneQueries, Is.EqualTo(expected.LoneQueries));
        Assert.That(actual.EvaluatedQueries, Is.EqualTo(expected.EvaluatedQueries));
    }

    /// <summary>Random unit vectors in two datasets (labels offset by <paramref name="classes"/>), every sample Both.</summary>
    internal static RetrievalSet RandomSet(int seed, int count, int dimension, int classes)
    {
        var random = new Random(seed);
        var datasets = Enumerable.Range(0, count).Select(i => i % 2).ToArray();
        var labels = datasets.Select(d => d * classes + random.Next(classes)).ToArray();
        return new RetrievalSet(RandomUnitRows(random, count, dimension), dimension, labels, datasets, ["even", "odd"]);
    }

    internal static float[] RandomUnitRows(Random random, int count, int dimension)
    {
        var rows = new float[count * dimension];
        for (int r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * dimension, dimension);
            for (int c = 0; c < dimension; c++)
                row[c] = (float)(random.NextDouble() * 2 - 1);
            float norm = MathF.Sqrt(row.ToArray().Sum(v => v * v));
            for (int c = 0; c < dimension; c++)
                row[c] /= norm;
        }
        return rows;
    }
}
