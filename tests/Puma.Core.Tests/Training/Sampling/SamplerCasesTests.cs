using NUnit.Framework;
using Puma.Training.Sampling;

namespace Puma.Core.Tests.Training.Sampling;

/// <summary>
/// BR-24 · three synthetic datasets of 1000, 100 and 10 images, 10 classes each (labels offset per dataset), m = 2,
/// batch 24, one pass = 30 batches.
/// </summary>
public class SamplerCasesTests
{
    private const int M = 2, Batch = 24, Pass = 30;

    /// <summary>Dataset d has sizes[d] images; image i of dataset d has label 10·d + i % 10.</summary>
    private static (int[] Labels, int[] Datasets) ThreeDatasets()
    {
        int[] sizes = [1000, 100, 10];
        var labels = new List<int>();
        var datasets = new List<int>();
        for (int d = 0; d < sizes.Length; d++)
            for (int i = 0; i < sizes[d]; i++)
            {
                labels.Add(10 * d + i % 10);
                datasets.Add(d);
            }
        return (labels.ToArray(), datasets.ToArray());
    }

    private static IEnumerable<BatchSampler> BothClassSamplers(int[] labels, int[] datasets, int seed = 1)
    {
        yield return new MPerClassBatchSampler(labels, Batch, M, Pass, seed);
        yield return new DatasetBalancedBatchSampler(labels, datasets, Batch, M, Pass, seed);
    }

    [Test, Description("BR-24 · every batch has 24 items = 12 classes × exactly 2; the reported length equals what is yielded")]
    public void EveryBatchHasTwelveClassesOfTwo()
    {
        var (labels, datasets) = ThreeDatasets();
        foreach (var sampler in BothClassSamplers(labels, datasets))
        {
            var epoch = sampler.NextEpoch();
            Assert.That(sampler.BatchesPerEpoch, Is.EqualTo(Pass));
            Assert.That(epoch, Has.Count.EqualTo(sampler.BatchesPerEpoch), sampler.Description);
            Assert.That(sampler.BatchSize, Is.EqualTo(Batch));
            foreach (var batch in epoch)
            {
                Assert.That(batch, Has.Length.EqualTo(24), sampler.Description);
                var perClass = batch.GroupBy(i => labels[i]).ToList();
                Assert.That(perClass, Has.Count.EqualTo(12), sampler.Description);
                Assert.That(perClass.Select(g => g.Count()), Has.All.EqualTo(2), sampler.Description);
            }
        }
    }

    [Test, Description("BR-24 · dataset-balanced: 8 items from each dataset in every batch")]
    public void DatasetBalancedGivesEachDatasetAnEqualShare()
    {
        var (labels, datasets) = ThreeDatasets();
        var sampler = new DatasetBalancedBatchSampler(labels, datasets, Batch, M, Pass, seed: 3);
        Assert.That(sampler.DatasetCount, Is.EqualTo(3));
        foreach (var batch in sampler.NextEpoch())
        {
            var perDataset = batch.GroupBy(i => datasets[i]).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
            Assert.That(perDataset, Is.EqualTo(new[] { (0, 8), (1, 8), (2, 8) }));
        }
    }

    [Test, Description("BR-24 · uniform sampling lets the 1000-image dataset dominate (contrast with the balanced sampler)")]
    public void UniformSamplingIsDominatedByTheLargestDataset()
    {
        var (labels, datasets) = ThreeDatasets();
        var sampler = new UniformBatchSampler(labels.Length, Batch, dropLast: true, seed: 3);
        var items = sampler.NextEpoch().SelectMany(b => b).ToList();
        Assert.That(sampler.BatchesPerEpoch, Is.EqualTo(1110 / 24));
        Assert.That(items, Has.Count.EqualTo(46 * 24));
        Assert.That(items.Distinct().Count(), Is.EqualTo(items.Count), "without replacement");
        Assert.That(items.Count(i => datasets[i] == 0) / (double)items.Count, Is.GreaterThan(0.85));
    }

    [Test, Description("BR-24 · the 10-image dataset has one image per class (< m): sampled with replacement")]
    public void ClassesWithFewerThanMImagesAreSampledWithReplacement()
    {
        var (labels, datasets) = ThreeDatasets();
        var sampler = new DatasetBalancedBatchSampler(labels, datasets, Batch, M, Pass, seed: 5);
        foreach (var batch in sampler.NextEpoch())
        {
            foreach (var group in batch.Where(i => datasets[i] == 2).GroupBy(i => labels[i]))
                Assert.That(group.Distinct().Count(), Is.EqualTo(1), $"class {group.Key} has one image, drawn twice");
            foreach (var group in batch.Where(i => datasets[i] != 2).GroupBy(i => labels[i]))
                Assert.That(group.Distinct().Count(), Is.EqualTo(2), $"class {group.Key} has ≥ m images: two distinct ones");
        }
    }

    [Test, Description("BR-24 · over one pass (30 batches × 12 slots ≥ 30 classes) every class appears, in every epoch")]
    public void EveryClassAppearsInEveryPass()
    {
        var (labels, datasets) = ThreeDatasets();
        foreach (var sampler in BothClassSamplers(labels, datasets, seed: 9))
            for (int epoch = 0; epoch < 3; epoch++)
            {
                var seen = sampler.NextEpoch().SelectMany(b => b).Select(i => labels[i]).Distinct().Count();
                Assert.That(seen, Is.EqualTo(30), $"{sampler.Description}, epoch {epoch}");
            }
    }

    [Test, Description("Three batches already cover all 30 classes (class cycles, not independent draws)")]
    public void ClassCyclesCoverAllClassesAsSoonAsPossible()
    {
        var (labels, datasets) = ThreeDatasets();
        foreach (var sampler in BothClassSamplers(labels, datasets, seed: 11))
        {
            var epoch = sampler.NextEpoch();
            Assert.That(epoch.Take(3).SelectMany(b => b).Select(i => labels[i]).Distinct().Count(), Is.EqualTo(30), sampler.Description);
        }
    }

    [Test, Description("Images of a class are cycled: the first 500 draws of a 100-image class use every image five times")]
    public void ImagesOfAClassAreCycled()
    {
        var (labels, _) = ThreeDatasets();
        // One class only: labels of dataset 0, class 0 (100 images); batch = m = 2.
        var oneClass = labels.Take(1000).Select(l => l == 0 ? 0 : 1).ToArray();
        var sampler = new MPerClassBatchSampler(oneClass, batchSize: 4, samplesPerClass: 2, batchesPerEpoch: 250, seed: 2);
        var fromClass0 = sampler.NextEpoch().SelectMany(b => b).Where(i => oneClass[i] == 0).ToList();
        Assert.That(fromClass0, Has.Count.EqualTo(500));
        Assert.That(fromClass0.GroupBy(i => i).Select(g => g.Count()), Has.All.EqualTo(5));
    }

    [TestCase(25, 2, "not a multiple of the samples per class m = 2")]
    [TestCase(62, 2, "only 30 classes (m × classes = 60 < 62)")]
    [Description("BR-24 · construction throws when batch % m ≠ 0 or m × classes < batch")]
    public void InvalidBatchesAreRejectedAtConstruction(int batch, int m, string message)
    {
        var (labels, datasets) = ThreeDatasets();
        Assert.That(Assert.Throws<ArgumentException>(() => new MPerClassBatchSampler(labels, batch, m))!.Message, Does.Contain(message));
        Assert.That(Assert.Throws<ArgumentException>(() => new DatasetBalancedBatchSampler(labels, datasets, batch, m))!.Message, Does.Contain(message));
    }

    [Test]
    public void DatasetBalancedRejectsSharesThatDoNotSplit()
    {
        var (labels, datasets) = ThreeDatasets();
        var uneven = Assert.Throws<ArgumentException>(() => new DatasetBalancedBatchSampler(labels, datasets, batchSize: 20, samplesPerClass: 2))!;
        Assert.That(uneven.Message, Does.Contain("multiple of datasets × m = 3 × 2 = 6"));
        // 60 per batch = 10 classes per dataset: fine; 66 = 11 per dataset: more than the 10 classes of each dataset.
        Assert.DoesNotThrow(() => new DatasetBalancedBatchSampler(labels, datasets, batchSize: 60, samplesPerClass: 2));
        // Dataset 0 has 2 classes, dataset 1 has 10 (2 images each): batch 12 = 2 datasets × 3 classes × m 2.
        int[] fewLabels = Enumerable.Range(0, 24).Select(i => i / 2).ToArray();
        int[] fewDatasets = fewLabels.Select(l => l < 2 ? 0 : 1).ToArray();
        var small = Assert.Throws<ArgumentException>(() => new DatasetBalancedBatchSampler(fewLabels, fewDatasets, batchSize: 12, samplesPerClass: 2,
            datasetNames: ["tiny", "big"]))!;
        Assert.That(small.Message, Does.Contain("Dataset 'tiny' (index 0) has 2 classes but each batch needs 3"));
        var shared = Assert.Throws<ArgumentException>(() => new DatasetBalancedBatchSampler([0, 0, 1, 1], [0, 1, 1, 1], batchSize: 2, samplesPerClass: 1))!;
        Assert.That(shared.Message, Does.Contain("Class 0 appears in datasets index 0 and index 1"));
    }

    [Test, Description("The default length is ⌊N / batch⌋ batches and the sampler yields exactly that many")]
    public void DefaultLengthMatchesWhatIsYielded()
    {
        var (labels, datasets) = ThreeDatasets();
        BatchSampler[] samplers =
        [
            new MPerClassBatchSampler(labels, Batch, M, seed: 1),
            new DatasetBalancedBatchSampler(labels, datasets, Batch, M, seed: 1),
            new UniformBatchSampler(labels.Length, Batch, dropLast: false, seed: 1),
        ];
        Assert.That(samplers.Select(s => s.BatchesPerEpoch), Is.EqualTo(new[] { 46, 46, 47 }));
        foreach (var sampler in samplers)
            Assert.That(sampler.NextEpoch(), Has.Count.EqualTo(sampler.BatchesPerEpoch), sampler.Description);
        var last = samplers[2].NextEpoch()[^1];
        Assert.That(last, Has.Length.EqualTo(1110 - 46 * 24), "kept incomplete last batch");
    }

    [Test, Description("Deterministic given a seed; another seed gives other batches")]
    public void SameSeedSameBatches()
    {
        var (labels, datasets) = ThreeDatasets();
        foreach (var (a, b, c) in new (BatchSampler, BatchSampler, BatchSampler)[]
                 {
                     (new MPerClassBatchSampler(labels, Batch, M, Pass, 4), new MPerClassBatchSampler(labels, Batch, M, Pass, 4),
                         new MPerClassBatchSampler(labels, Batch, M, Pass, 5)),
                     (new DatasetBalancedBatchSampler(labels, datasets, Batch, M, Pass, 4), new DatasetBalancedBatchSampler(labels, datasets, Batch, M, Pass, 4),
                         new DatasetBalancedBatchSampler(labels, datasets, Batch, M, Pass, 5)),
                     (new UniformBatchSampler(1110, Batch, true, 4), new UniformBatchSampler(1110, Batch, true, 4), new UniformBatchSampler(1110, Batch, true, 5)),
                 })
        {
            for (int epoch = 0; epoch < 2; epoch++)
            {
                var (first, second, other) = (a.NextEpoch(), b.NextEpoch(), c.NextEpoch());
                Assert.That(second, Is.EqualTo(first), a.Description);
                Assert.That(other, Is.Not.EqualTo(first), a.Description);
            }
        }
    }
}
