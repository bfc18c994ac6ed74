using NUnit.Framework;
using Puma.Evaluation;

namespace Puma.Core.Tests.Evaluation;

/// <summary>
/// The chunked TorchSharp kNN against a plain managed brute force (double dot products, full sort) on ~300 random
/// vectors with mixed roles, two datasets, lone queries and classes larger than every K.
/// </summary>
public class BruteForceComparisonTests
{
    private static readonly int[] Ks = [1, 2, 4, 8];

    [TestCase(LoneQueryPolicy.Exclude)]
    [TestCase(LoneQueryPolicy.CountAsMiss)]
    public void ChunkedSearchMatchesBruteForce(LoneQueryPolicy policy)
    {
        var (set, embeddings) = RandomMixedSet(seed: 2024);
        var options = new RetrievalOptions { Ks = Ks, QueryChunkSize = 37, LoneQueries = policy };

        var report = RetrievalEvaluator.Evaluate(set, options);

        for (int d = 0; d < 2; d++)
            AssertMatches(report.Datasets[d].Metrics, BruteForce(set, embeddings, i => set.DatasetIndices[i] == d, policy));
        var unified = BruteForce(set, embeddings, _ => true, policy);
        AssertMatches(report.Unified, unified);
        Assert.That(report.Unified.LoneQueries, Is.GreaterThan(0), "the set exercises lone queries");
        Assert.That(report.Unified.RecallAt[1], Is.GreaterThan(0).And.LessThan(1), "the set is not degenerate");
    }

    private static void AssertMatches(RetrievalMetrics actual, Expected expected)
    {
        Assert.That(actual.Queries, Is.EqualTo(expected.Queries));
        Assert.That(actual.LoneQueries, Is.EqualTo(expected.Lone));
        Assert.That(actual.EvaluatedQueries, Is.EqualTo(expected.Evaluated));
        foreach (var k in Ks)
            Assert.That(actual.RecallAt[k], Is.EqualTo(expected.Recall[k]).Within(1e-12), $"Recall@{k}");
        Assert.That(actual.MapAtR, Is.EqualTo(expected.MapAtR).Within(1e-6));
        Assert.That(actual.RPrecision, Is.EqualTo(expected.RPrecision).Within(1e-6));
    }

    private sealed record Expected(int Queries, int Lone, int Evaluated, Dictionary<int, double> Recall, double MapAtR, double RPrecision);

    private static Expected BruteForce(RetrievalSet set, double[][] embeddings, Func<int, bool> inScope, LoneQueryPolicy policy)
    {
        var members = Enumerable.Range(0, set.Count).Where(inScope).ToArray();
        var queries = members.Where(i => set.Roles[i].HasFlag(SampleRole.Query)).ToArray();
        var gallery = members.Where(i => set.Roles[i].HasFlag(SampleRole.Gallery)).ToArray();
        var hits = Ks.ToDictionary(k => k, _ => 0);
        double mapSum = 0, rpSum = 0;
        int lone = 0, evaluated = 0;
        foreach (var q in queries)
        {
            var ranked = gallery.Where(g => g != q)
                .OrderByDescending(g => Dot(embeddings[q], embeddings[g]))
                .Select(g => set.Labels[g] == set.Labels[q])
                .ToArray();
            int r = ranked.Count(relevant => relevant);
            if (r == 0)
            {
                lone++;
                if (policy == LoneQueryPolicy.Exclude) continue;
            }
            evaluated++;
            foreach (var k in Ks)
                if (ranked.Take(k).Any(relevant => relevant)) hits[k]++;
            int found = 0;
            double precisionSum = 0;
            for (int i = 0; i < r; i++)
            {
                if (!ranked[i]) continue;
                found++;
                precisionSum += found / (double)(i + 1);
            }
            mapSum += r == 0 ? 0 : precisionSum / r;
            rpSum += r == 0 ? 0 : found / (double)r;
        }
        return new Expected(queries.Length, lone, evaluated, Ks.ToDictionary(k => k, k => hits[k] / (double)evaluated),
            mapSum / evaluated, rpSum / evaluated);
    }

    private static double Dot(double[] a, double[] b) => a.Select((v, i) => v * b[i]).Sum();

    /// <summary>
    /// 300 unit vectors in 8-D; 290 fall into 2 × 12 classes (about 12 per class, so R often exceeds max K) and the
    /// last 10 have unique labels. Roles: 60% both, 20% query only, 20% gallery only.
    /// </summary>
    private static (RetrievalSet Set, double[][] Embeddings) RandomMixedSet(int seed)
    {
        const int count = 300, dimension = 8, classes = 12;
        var random = new Random(seed);
        var rows = KnnChunkingTests.RandomUnitRows(random, count, dimension);
        var datasets = new int[count];
        var labels = new int[count];
        var roles = new SampleRole[count];
        for (int i = 0; i < count; i++)
        {
            datasets[i] = random.Next(2);
            labels[i] = i < 290 ? datasets[i] * classes + random.Next(classes) : 1000 + i;
            double u = random.NextDouble();
            roles[i] = u < 0.6 ? SampleRole.Both : u < 0.8 ? SampleRole.Query : SampleRole.Gallery;
        }
        var set = new RetrievalSet(rows, dimension, labels, datasets, ["first", "second"], roles);
        var embeddings = Enumerable.Range(0, count)
            .Select(r => rows.AsSpan(r * dimension, dimension).ToArray().Select(v => (double)v).ToArray())
            .ToArray();
        return (set, embeddings);
    }
}
