using NUnit.Framework;
using Puma.Core.Tests.Training;
using Puma.Losses;
using Puma.Tensors;
using Puma.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Losses;

/// <summary>The README's "Writing your own loss" example: a MetricLoss subclass plugged in with WithLoss(spec) trains.</summary>
public class UserDefinedLossTests
{
    /// <summary>Normalised softmax (cross-entropy over cosines / temperature), written as a user would.</summary>
    private sealed class NormalizedSoftmaxLoss : MetricLoss
    {
        private readonly Parameter proxies;

        public NormalizedSoftmaxLoss(int numClasses, int embeddingDim, double temperature)
            : base(nameof(NormalizedSoftmaxLoss), numClasses, embeddingDim)
        {
            Temperature = temperature;
            proxies = CreateProxies(numClasses, embeddingDim);
            RegisterComponents();
        }

        public double Temperature { get; }

        public override Parameter Proxies => proxies;

        public override Tensor forward(Tensor embeddings, Tensor labels)
        {
            ValidateBatch(embeddings, labels);
            using var scope = torch.NewDisposeScope();
            var cosine = L2Normalization.Normalize(embeddings, dim: 1).matmul(L2Normalization.Normalize(proxies, dim: 1).t());
            return nn.functional.cross_entropy(cosine / Temperature, labels).MoveToOuterDisposeScope();
        }
    }

    private sealed class NormalizedSoftmaxLossSpec(double temperature = 0.1) : MetricLossSpec
    {
        public override string Description => $"normalized-softmax T={temperature}";

        public override IEnumerable<string> Validate()
        {
            if (!(temperature > 0)) yield return $"temperature must be positive (got {temperature}).";
        }

        public override MetricLoss Create(int numClasses, int embeddingDim) => new NormalizedSoftmaxLoss(numClasses, embeddingDim, temperature);
    }

    [Test]
    public async Task UserLossTrainsThroughTheBuilder()
    {
        using var model = TrainingTestData.Model(new NormalizedSoftmaxLossSpec());
        using var train = TrainingTestData.RandomFeatures(model, count: 16, classes: 4);
        Assert.That(model.Description.Loss, Is.EqualTo("normalized-softmax T=0.1"));

        var report = await model.FitAsync(train, new TrainingOptions { Epochs = 6, BatchSize = 8, LearningRate = 1e-3 });

        Assert.That(model.Loss, Is.InstanceOf<NormalizedSoftmaxLoss>());
        Assert.That(model.Loss!.NumClasses, Is.EqualTo(4));
        Assert.That(report.Steps, Is.EqualTo(12));
        Assert.That(report.EpochLosses[^1], Is.LessThan(report.EpochLosses[0] - 0.05), $"epoch losses {string.Join(", ", report.EpochLosses)}");
    }

    [Test]
    public void InvalidUserOptionsAreReportedByBuild()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingTestData.Model(new NormalizedSoftmaxLossSpec(temperature: 0)));
        Assert.That(error!.Message, Does.Contain("Loss: temperature must be positive"));
    }
}
