using NUnit.Framework;
using Puma.Adapters;
using Puma.Backbones;
using Puma.Features;
using Puma.Models;
using Puma.Training;
using Puma.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Prompts.Tests;

/// <summary>BR-15 · per-component usage reaches the caller and the training log (MetricTrainer, through IComponentUsageSource).</summary>
public class PromptPoolUsageTests
{
    private static UniversalMetricModel Build(Action<PromptPoolOptions> pool)
    {
        torch.manual_seed(2);
        return UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(TinyModels.TinyVit))
            .WithStochasticAdapters(a => a.BottleneckDim(8))
            .WithPromptPool(pool)
            .WithEmbeddingDim(16)
            .WithSeed(3)
            .Build();
    }

    private static FeatureDataset RandomFeatures(UniversalMetricModel model, int count, int classes)
    {
        Tensor features;
        using (torch.no_grad()) features = model.Backbone.Stem.features(torch.randn(count, 3, 32, 32));
        return new FeatureDataset(features, Enumerable.Range(0, count).Select(i => i % classes).ToArray(), new int[count], ["random"], classes);
    }

    [Test]
    public async Task TopKSelectionCountsAreLoggedEveryEpochAndReported()
    {
        using var model = Build(p => p.Components(4).Length(2).TopK(1));
        using var train = RandomFeatures(model, count: 16, classes: 4);
        var logger = new ListLogger();
        var report = await model.FitAsync(train, new TrainingOptions { Epochs = 2, BatchSize = 8, LearningRate = 1e-3 }, logger: logger);

        var lines = logger.Messages.Where(m => m.Contains("prompt usage")).ToList();
        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines[0], Does.StartWith("Epoch 1/2: prompt usage over 16 samples: mean weight [").And.Contain("; selections ["));
        Assert.That(lines[1], Does.StartWith("Epoch 2/2: prompt usage over 16 samples"));
        var usage = report.ComponentUsage.Single();
        Assert.That(usage.SelectionCounts!.Sum(), Is.EqualTo(16), "one selection per sample in the last epoch");
        Assert.That(usage.MeanWeight.Sum(), Is.EqualTo(1.0).Within(1e-12));
        var pool = (PromptPool)model.Prompt!;
        Assert.That(pool.Usage.SelectionCounts(), Is.EqualTo(usage.SelectionCounts), "the pool exposes the same statistics");
        Assert.That(model.PromptPositionEmbedding!.shape, Is.EqualTo(new long[] { 1, 2, 32 }), "k × L prompt positions");
    }

    [Test, Description("The key-pull term is consumed every step: training in top-k mode leaves no tensor behind")]
    public async Task TopKTrainingDoesNotGrowTheNativeTensorCount()
    {
        using var model = Build(p => p.Components(4).Length(2).TopK(2));
        using var train = RandomFeatures(model, count: 16, classes: 4);
        var options = new TrainingOptions { Epochs = 1, BatchSize = 8, LearningRate = 1e-3 };
        await model.FitAsync(train, options);                       // creates the loss and its proxies
        long before = torch.Tensor.TotalCount;
        await model.FitAsync(train, options with { Epochs = 4 });
        Assert.That(torch.Tensor.TotalCount, Is.LessThanOrEqualTo(before));
    }

    [Test]
    public async Task AttentionModeReportsMeanWeightsWithoutSelectionCounts()
    {
        using var model = Build(p => p.Components(4).Length(2));
        using var train = RandomFeatures(model, count: 16, classes: 4);
        var report = await model.FitAsync(train, new TrainingOptions { Epochs = 1, BatchSize = 8, LearningRate = 1e-3 });
        var usage = report.ComponentUsage.Single();
        Assert.That(usage.Source, Is.EqualTo("prompt"));
        Assert.That(usage.Samples, Is.EqualTo(16));
        Assert.That(usage.SelectionCounts, Is.Null);
        Assert.That(usage.MeanWeight, Is.EqualTo(((PromptPool)model.Prompt!).Usage.MeanWeight()));
        Assert.That(usage.MeanWeight.Any(w => w != 0), Is.True);
    }
}
