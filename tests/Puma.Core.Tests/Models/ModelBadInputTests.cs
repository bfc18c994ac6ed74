using NUnit.Framework;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Features;
using Puma.Hooks;
using Puma.Losses;
using Puma.Models;
using Puma.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Models;

/// <summary>What the builder, forward, FitAsync and Evaluate do with inputs a caller gets wrong.</summary>
public class ModelBadInputTests
{
    private static VitConfig Tiny => new(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 8, ImageSize: 16);

    private static UniversalMetricModel TinyModel()
    {
        torch.manual_seed(3);
        return UniversalMetricModel.CreateBuilder().WithBackbone(Backbone.Vit(Tiny)).WithEmbeddingDim(8).Build();
    }

    private static FeatureDataset Features(long[] sampleShape, int count = 8, int classes = 2)
    {
        var features = torch.randn([(long)count, .. sampleShape]);
        return new FeatureDataset(features, Enumerable.Range(0, count).Select(i => i % classes).ToArray(), new int[count], ["d"], classes);
    }

    [Test]
    public void BuildListsEveryInvalidOptionAtOnce()
    {
        var error = Assert.Throws<ArgumentException>(() => UniversalMetricModel.CreateBuilder()
            .WithEmbeddingDim(0).WithProxyAnchorLoss(alpha: double.NaN, margin: 1).Build())!;
        Assert.That(error.Message, Does.Contain("No backbone").And.Contain("Embedding dim must be positive (got 0)")
            .And.Contain("alpha must be positive").And.Contain("margin must be in [0, 1)"));
        var vit = Assert.Throws<ArgumentException>(() => UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(Tiny with { NumHeads = 3 })).Build())!;
        Assert.That(vit.Message, Does.Contain("NumHeads 3"));
    }

    [Test]
    public void MissingHybridBackboneFilesAreListedAtBuild()
    {
        string folder = Path.Combine(Path.GetTempPath(), "puma-none-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<ArgumentException>(() => UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Hybrid(Path.Combine(folder, "ResNet18.onnx"), Puma.Backbones.Hybrid.HybridVitConfig.Small112, Path.Combine(folder, "encoder.safetensors")))
            .Build())!;
        Assert.That(error.Message, Does.Contain("ResNet-18 ONNX file not found").And.Contain("Pre-trained encoder file not found").And.Contain(folder));
    }

    [Test]
    public void SavingIntoAMissingFolderNamesIt()
    {
        using var model = TinyModel();
        string path = Path.Combine(Path.GetTempPath(), "puma-none-" + Guid.NewGuid().ToString("N"), "t.safetensors");
        var error = Assert.Throws<DirectoryNotFoundException>(() => model.SaveTrainable(path))!;
        Assert.That(error.Message, Does.Contain(Path.GetDirectoryName(path)!));
        Assert.Throws<ArgumentException>(() => model.SaveTrainable(""));
    }

    [Test]
    public void FailedBuildDisposesTheEncoder()
    {
        var encoder = new VisionTransformer(Tiny, new PatchEmbed(16, 8, 3, 32));
        var positions = encoder.PositionEmbedding;
        var error = Assert.Throws<InvalidOperationException>(() => UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Prebuilt(encoder, "prebuilt")).UseBlockAdapter(new ThrowingAdapterSpec(), "throws").Build())!;
        Assert.That(error.Message, Is.EqualTo("adapter creation failed"));
        Assert.That(positions.IsInvalid, Is.True, "the encoder's native tensors were released");
    }

    [Test]
    public void ImagesOfAnotherSizeOrChannelCountAreNamed()
    {
        using var model = TinyModel();
        using var scope = torch.NewDisposeScope();
        var size = Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(2, 3, 32, 32)))!;
        Assert.That(size.Message, Does.Contain("[B, 3, 16, 16]").And.Contain("[2, 3, 32, 32]"));
        Assert.That(size.ParamName, Is.EqualTo("images"));
        Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(2, 1, 16, 16)));
        Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(3, 16, 16)));
        Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(0, 3, 16, 16)));
        var ints = Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(1, 3, 16, 16, dtype: ScalarType.Byte)))!;
        Assert.That(ints.Message, Does.Contain("Byte"));
    }

    [Test]
    public void NaNOrInfinityInAnImageNamesTheSample()
    {
        using var model = TinyModel();
        using var scope = torch.NewDisposeScope();
        var images = torch.zeros(4, 3, 16, 16);
        images[2, 1, 5, 7] = torch.tensor(float.NaN);
        images[3, 0, 0, 0] = torch.tensor(float.PositiveInfinity);
        var error = Assert.Throws<ArgumentException>(() => model.forward(images))!;
        Assert.That(error.Message, Does.Contain("Sample 2 of the images"));
        var features = Assert.Throws<ArgumentException>(() => model.ForwardFeatures(torch.full(1, 4, 32, float.NaN)))!;
        Assert.That(features.Message, Does.Contain("Sample 0 of the features"));
    }

    [Test]
    public void FeaturesOfAnotherStemAreRefusedBeforeTraining()
    {
        using var model = TinyModel();
        using var wrong = Features([9, 32]);
        var fit = Assert.Throws<ArgumentException>(() => model.FitAsync(wrong, new TrainingOptions { Epochs = 1, BatchSize = 4 }))!;
        Assert.That(fit.Message, Does.Contain("[9, 32]").And.Contain("[4, 32]"));
        Assert.That(fit.ParamName, Is.EqualTo("train"));
        Assert.That(model.Loss, Is.Null, "nothing was created");
        var eval = Assert.Throws<ArgumentException>(() => model.Evaluate(wrong))!;
        Assert.That(eval.ParamName, Is.EqualTo("test"));
        Assert.Throws<ArgumentException>(() => model.EvaluateBackbone(wrong));
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => model.ForwardFeatures(torch.zeros(2, 4, 31)));
    }

    [Test]
    public void InvalidTrainingOptionsAreListedBeforeTraining()
    {
        using var model = TinyModel();
        using var data = Features([4, 32]);
        var error = Assert.Throws<ArgumentException>(() => model.FitAsync(data,
            new TrainingOptions { Epochs = 0, BatchSize = 1, LearningRate = double.NaN, Deterministic = true, Seed = null }))!;
        Assert.That(error.Message, Does.Contain("Epochs must be positive (got 0)").And.Contain("BatchSize must be at least 2 (got 1)")
            .And.Contain("LearningRate must be positive and finite (got NaN)").And.Contain("Deterministic needs a Seed"));
        Assert.That(model.Loss, Is.Null);
    }

    [Test] // one sample: a batch of one, still a valid Proxy-Anchor step (documented, not refused)
    public async Task ASingleSampleTrainingSetTrainsWithABatchOfOne()
    {
        using var model = TinyModel();
        using var data = Features([4, 32], count: 1, classes: 1);
        var report = await model.FitAsync(data, new TrainingOptions { Epochs = 2, BatchSize = 4 });
        Assert.That(report.Steps, Is.EqualTo(2));
        Assert.That(report.EpochLosses, Has.All.Matches<double>(double.IsFinite));
    }

    private sealed class ThrowingAdapterSpec : IBlockAdapterSpec
    {
        public IEnumerable<string> Validate(BackboneShape backbone) => [];

        public BlockAdapter Create(BackboneShape backbone) => throw new InvalidOperationException("adapter creation failed");
    }
}
