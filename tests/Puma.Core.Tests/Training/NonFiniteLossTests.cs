using NUnit.Framework;
using Puma.Features;
using Puma.Losses;
using Puma.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Training;

/// <summary>A step whose loss is not finite is skipped and counted; the parameters are not touched by it.</summary>
public class NonFiniteLossTests
{
    [Test]
    public void ANonFiniteStepIsSkippedAndCounted()
    {
        using var embedder = new PoisonedEmbedder(poisonedCall: 2);
        using var loss = new ProxyAnchorLossSpec().Create(2, 4);
        using var train = new FeatureDataset(torch.randn(8, 4), [0, 1, 0, 1, 0, 1, 0, 1], new int[8], ["d"], 2);
        var losses = new List<double>();
        var progress = new Recorder(p => losses.Add(p.Loss));

        var report = new MetricTrainer().Fit(embedder, loss, train, new TrainingOptions { Epochs = 2, BatchSize = 4, LearningRate = 1e-2 }, progress);

        Assert.That(report.SkippedSteps, Is.EqualTo(1));
        Assert.That(report.Steps, Is.EqualTo(3));
        Assert.That(losses.Count(double.IsNaN), Is.EqualTo(1), "the skipped step reports NaN");
        Assert.That(embedder.WeightAfterPoison, Is.EqualTo(embedder.WeightBeforePoison), "no optimizer step on the poisoned batch");
        Assert.That(report.EpochLosses, Has.All.Matches<double>(double.IsFinite), "epoch means use the finite steps only");
    }

    private sealed class Recorder(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    /// <summary>Scales features by a learned vector; its <paramref name="poisonedCall"/>-th call returns ∞.</summary>
    private sealed class PoisonedEmbedder(int poisonedCall) : nn.Module("poisoned"), ITrainableEmbedder
    {
        private readonly Parameter weight = nn.Parameter(torch.ones(4));
        private int calls;

        public float[] WeightBeforePoison { get; private set; } = [];

        public float[] WeightAfterPoison { get; private set; } = [];

        public nn.Module Module => this;

        public int EmbeddingDim => 4;

        public Tensor EmbedFeatures(Tensor features)
        {
            calls++;
            if (calls == poisonedCall) WeightBeforePoison = weight.detach().data<float>().ToArray();
            if (calls == poisonedCall + 1) WeightAfterPoison = weight.detach().data<float>().ToArray();
            var output = features * weight;
            return calls == poisonedCall ? output + float.PositiveInfinity : output;
        }

        public IReadOnlyList<ParameterGroup> ParameterGroups(TrainingOptions options) => [new ParameterGroup("w", [weight], 1)];

        public Tensor? RegularizationLoss() => null;
    }
}
