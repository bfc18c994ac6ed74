using NUnit.Framework;
using Puma.Backbones;
using Puma.Backbones.Hybrid;
using Puma.Backbones.Vit;
using Puma.Core.Tests.Backbones.ResNet;
using Puma.Core.Tests.Data;
using Puma.Data;
using Puma.Data.Transforms;
using Puma.Features;
using Puma.Models;
using Puma.Testing;
using Puma.Training;
using TorchSharp;

namespace Puma.Core.Tests.Models;

public class ImageTrainingTests
{
    private string root = "";

    [SetUp]
    public void CreateFolder() => root = TestImages.NewTempFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(root, recursive: true);

    private static UniversalMetricModel TinyModel(int seed = 7)
    {
        torch.manual_seed(seed);
        return UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(new VitConfig(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 8, ImageSize: 32)))
            .WithEmbeddingDim(16)
            .WithSeed(seed)
            .Build();
    }

    /// <summary>Identity on 32×32 images (shorter side 32, centre crop 32): the image path then sees the extractor's exact input.</summary>
    private static readonly ImagePipelineOptions IdentityPipeline = new()
    {
        TrainTransform = new ResizeCenterCrop(32, 32),
        EvalTransform = new ResizeCenterCrop(32, 32),
        Threads = 2,
    };

    private UniversalDataset Patterns(string split, int imagesPerClass, int seed) => UniversalDataset.Combine(
        SyntheticImages.WriteFolder(Path.Combine(root, split), "stripes", classes: 4, imagesPerClass, seed),
        SyntheticImages.WriteFolder(Path.Combine(root, split), "more-stripes", classes: 3, imagesPerClass, seed + 100, firstPattern: 4));

    /// <summary>
    /// With a deterministic transform, training on images must be the very same computation as training on features
    /// extracted beforehand: same batches (same shuffle), same stem output, same steps — equal losses and head weights.
    /// </summary>
    [Test]
    public async Task ImageTrainingWithoutAugmentationEqualsFeatureTraining()
    {
        var data = Patterns("train", imagesPerClass: 4, seed: 1);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 8, LearningRate = 1e-3 };
        using var onFeatures = TinyModel();
        using var onImages = TinyModel();
        using var features = new FeatureExtractor(onFeatures.Backbone.Stem).Extract(data);

        torch.manual_seed(11); // the proxies are drawn from torch's generator when the loss is created
        var fromFeatures = await onFeatures.FitAsync(features, options);
        torch.manual_seed(11);
        var fromImages = await onImages.FitAsync(data, options, images: IdentityPipeline);

        Assert.That(fromImages.Steps, Is.EqualTo(fromFeatures.Steps).And.EqualTo(2 * (28 / 8)));
        Assert.That(fromImages.EpochLosses, Is.EqualTo(fromFeatures.EpochLosses).Within(1e-5));
        using var scope = torch.NewDisposeScope();
        float difference = (onImages.Head.parameters().First() - onFeatures.Head.parameters().First()).abs().max().item<float>();
        Assert.That(difference, Is.LessThan(1e-5f));
    }

    [Test]
    public void EvaluationOnImagesEqualsEvaluationOnExtractedFeatures()
    {
        var data = Patterns("test", imagesPerClass: 3, seed: 2);
        using var model = TinyModel();
        using var features = new FeatureExtractor(model.Backbone.Stem).Extract(data);

        var fromFeatures = model.Evaluate(features);
        var fromImages = model.Evaluate(data, images: IdentityPipeline);
        var backboneFromFeatures = model.EvaluateBackbone(features);
        var backboneFromImages = model.EvaluateBackbone(data, images: IdentityPipeline);

        Assert.That(fromImages.Datasets.Select(d => d.Metrics.RecallAt1), Is.EqualTo(fromFeatures.Datasets.Select(d => d.Metrics.RecallAt1)));
        Assert.That(fromImages.Unified.RecallAt, Is.EqualTo(fromFeatures.Unified.RecallAt));
        Assert.That(backboneFromImages.Unified.RecallAt, Is.EqualTo(backboneFromFeatures.Unified.RecallAt));
        float[] fromImageFiles = model.EmbedDataset(data, IdentityPipeline);
        var (fromFeatureRows, dim) = EmbeddingComputer.Compute(features, f => model.ForwardFeatures(f), model.Device);
        Assert.That(dim, Is.EqualTo(16));
        Assert.That(fromImageFiles, Is.EqualTo(fromFeatureRows).Within(1e-6));
    }

    /// <summary>
    /// The hybrid backbone takes raw 0..255 pixels (no normalisation): on 112-px image files the image path must give the
    /// embeddings of features extracted beforehand.
    /// </summary>
    [Test]
    public void HybridEmbeddingsOfImageFilesEqualThoseOfExtractedFeatures()
    {
        var data = UniversalDataset.Combine(
            SyntheticImages.WriteFolder(Path.Combine(root, "hybrid"), "a", classes: 2, imagesPerClass: 2, seed: 5, size: 112),
            SyntheticImages.WriteFolder(Path.Combine(root, "hybrid"), "b", classes: 2, imagesPerClass: 2, seed: 6, size: 112, firstPattern: 2));
        var config = new HybridVitConfig(new VitConfig(EmbedDim: 32, Depth: 1, NumHeads: 2, PatchSize: 16, ImageSize: 112));
        torch.manual_seed(3);
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Prebuilt(HybridEncoder.Create(ResNetFixture.ModelPath, config), "tiny hybrid"))
            .WithEmbeddingDim(8)
            .Build();
        using var features = new FeatureExtractor(model.Backbone.Stem).Extract(data);

        float[] fromImageFiles = model.EmbedDataset(data, new ImagePipelineOptions { EvalTransform = new ResizeCenterCrop(112, 112) });
        var (fromFeatureRows, _) = EmbeddingComputer.Compute(features, f => model.ForwardFeatures(f), model.Device);

        Assert.That(model.Backbone.Stem.InputNormalization, Is.Null);
        Assert.That(fromImageFiles, Is.EqualTo(fromFeatureRows).Within(1e-5));
    }
}
