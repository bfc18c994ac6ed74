using NUnit.Framework;
using Puma.Features;
using Puma.Hooks;
using Puma.Losses;
using Puma.Training;
using Puma.Training.Sampling;
using Puma.Testing;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Training;

/// <summary>MetricTrainer draws its batches from TrainingOptions.Sampling and logs component usage every epoch.</summary>
public class MetricTrainerSamplingTests
{
    /// <summary>A head whose features are the sample indices, so the batches the trainer forms can be read back.</summary>
    private sealed class IndexRecordingHead : nn.Module<Tensor, Tensor>, IComponentUsageSource
    {
        private readonly Linear proj;
        private long samples;

        public IndexRecordingHead() : base(nameof(IndexRecordingHead))
        {
            proj = nn.Linear(1, 4);
            RegisterComponents();
        }

        public List<int[]> Batches { get; } = [];

        public int Resets { get; private set; }

        public override Tensor forward(Tensor features)
        {
            Batches.Add(features.select(1, 0).to_type(ScalarType.Int32).data<int>().ToArray());
            samples += features.shape[0];
            return proj.forward(features / 100);
        }

        public ComponentUsageSnapshot UsageSnapshot() => new("recorder", samples, [1.0], [samples]);

        public void ResetUsage()
        {
            samples = 0;
            Resets++;
        }
    }

    private sealed class Embedder(IndexRecordingHead head) : ITrainableEmbedder
    {
        public nn.Module Module => head;
        public int EmbeddingDim => 4;
        public Tensor EmbedFeatures(Tensor features) => head.forward(features);
        public IReadOnlyList<ParameterGroup> ParameterGroups(TrainingOptions options) => [new("head", head.parameters().ToList(), 1.0)];
        public Tensor? RegularizationLoss() => null;
    }

    /// <summary>Two datasets: 40 samples of classes 0–3 and 8 samples of classes 4–7; feature = sample index.</summary>
    private static FeatureDataset Data()
    {
        var labels = Enumerable.Range(0, 40).Select(i => i % 4).Concat(Enumerable.Range(0, 8).Select(i => 4 + i % 4)).ToArray();
        var datasets = labels.Select(l => l < 4 ? 0 : 1).ToArray();
        var features = torch.arange(48, dtype: ScalarType.Float32).unsqueeze(1);
        return new FeatureDataset(features, labels, datasets, ["big", "small"], 8);
    }

    private static List<int[]> Train(FeatureDataset data, TrainingOptions options, ListLogger? logger = null)
    {
        var head = new IndexRecordingHead();
        using var loss = new ProxyAnchorLoss(8, 4);
        new MetricTrainer(logger).Fit(new Embedder(head), loss, data, options);
        var batches = head.Batches;
        head.Dispose();
        return batches;
    }

    [Test]
    public void DefaultUniformSamplingKeepsThePreviousShuffledOrder()
    {
        using var data = Data();
        var batches = Train(data, new TrainingOptions { Epochs = 2, BatchSize = 10, Seed = 5 });
        // The trainer's behaviour before samplers existed: Random(seed).Shuffle of 0..N−1 every epoch, consecutive batches, last dropped.
        var random = new Random(5);
        var expected = new List<int[]>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            var order = Enumerable.Range(0, 48).ToArray();
            random.Shuffle(order);
            for (int b = 0; b < 4; b++) expected.Add(order.Skip(b * 10).Take(10).ToArray());
        }
        Assert.That(batches, Is.EqualTo(expected));
    }

    [Test]
    public void DatasetBalancedSamplingIsWhatTheTrainerUses()
    {
        using var data = Data();
        var options = new TrainingOptions { Epochs = 2, BatchSize = 8, Seed = 3, Sampling = BatchSampling.DatasetBalanced(samplesPerClass: 2) };
        var batches = Train(data, options);

        var sampler = new DatasetBalancedBatchSampler(data.Labels, data.DatasetIndices, 8, 2, seed: 3);
        var expected = sampler.NextEpoch().Concat(sampler.NextEpoch()).ToList();
        Assert.That(sampler.BatchesPerEpoch, Is.EqualTo(48 / 8));
        Assert.That(batches, Is.EqualTo(expected));
        Assert.That(batches.Select(b => b.Count(i => data.DatasetIndices[i] == 1)), Has.All.EqualTo(4), "half of every batch from the small dataset");
    }

    [Test]
    public void MPerClassSamplingIsWhatTheTrainerUses()
    {
        using var data = Data();
        var options = new TrainingOptions { Epochs = 1, BatchSize = 8, Seed = 4, Sampling = BatchSampling.MPerClass(samplesPerClass: 4, batchesPerEpoch: 5) };
        var batches = Train(data, options);
        Assert.That(batches, Is.EqualTo(new MPerClassBatchSampler(data.Labels, 8, 4, 5, seed: 4).NextEpoch()));
    }

    [Test]
    public void SamplingOptionsAreValidatedWithTheBatchSize()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingOptions { BatchSize = 9, Sampling = BatchSampling.MPerClass(2) }.Validate())!;
        Assert.That(error.Message, Does.Contain("BatchSize 9 must be a multiple of the samples per class m = 2"));
        using var data = Data();
        var tooBig = Assert.Throws<ArgumentException>(() => Train(data, new TrainingOptions { BatchSize = 20, Sampling = BatchSampling.MPerClass(2) }))!;
        Assert.That(tooBig.Message, Does.Contain("only 8 classes"));
    }

    [Test]
    public void UsageSourcesAreResetEachEpochAndLogged()
    {
        using var data = Data();
        var logger = new ListLogger();
        var head = new IndexRecordingHead();
        using var loss = new ProxyAnchorLoss(8, 4);
        var report = new MetricTrainer(logger).Fit(new Embedder(head), loss, data, new TrainingOptions { Epochs = 3, BatchSize = 16 });

        Assert.That(head.Resets, Is.EqualTo(3));
        var usageLines = logger.Messages.Where(m => m.Contains("recorder usage")).ToList();
        Assert.That(usageLines, Is.EqualTo(new[]
        {
            "Epoch 1/3: recorder usage over 48 samples: mean weight [1.000]; selections [48]",
            "Epoch 2/3: recorder usage over 48 samples: mean weight [1.000]; selections [48]",
            "Epoch 3/3: recorder usage over 48 samples: mean weight [1.000]; selections [48]",
        }));
        Assert.That(report.ComponentUsage.Single().Samples, Is.EqualTo(48));
        Assert.That(logger.Messages[0], Does.Contain("uniform (batch 16"));
        head.Dispose();
    }
}
