using NUnit.Framework;
using Puma.Backbones;
using Puma.Backbones.Hybrid;
using Puma.Backbones.Vit;
using Puma.Core.Tests.Backbones.ResNet;
using Puma.Core.Tests.Training;
using Puma.Models;
using Puma.Training;
using TorchSharp;

namespace Puma.Core.Tests.Models;

/// <summary>The full fine-tuning baseline: which parameters train, at which rate, and what checkpoints then hold.</summary>
public class FullFineTuningTests
{
    private static UniversalMetricModel Model(bool fineTune, int seed = 1)
    {
        torch.manual_seed(seed);
        return UniversalMetricModel.CreateBuilder().WithBackbone(Backbone.Vit(TrainingTestData.TinyVit)).WithEmbeddingDim(8)
            .WithSeed(seed + 100).WithFullFineTuning(fineTune).Build();
    }

    [Test]
    public void EveryEncoderParameterAfterTheCacheableFeaturesTrains()
    {
        using var frozen = Model(fineTune: false);
        using var tuned = Model(fineTune: true);
        var backbone = tuned.named_parameters().Where(p => p.name.StartsWith("backbone.", StringComparison.Ordinal)).ToList();
        var expected = backbone.Where(p => !p.name.StartsWith("backbone.patch_embed.", StringComparison.Ordinal)).Sum(p => p.parameter.numel());

        Assert.That(tuned.IsBackboneTrained, Is.True);
        Assert.That(tuned.TrainableParameterCount - frozen.TrainableParameterCount, Is.EqualTo(expected),
            "blocks, norms, CLS and position embeddings; a plain ViT's patch convolution is part of its cacheable features");
        Assert.That(tuned.TrainableParameters().Select(p => p.Name), Does.Contain("backbone.blocks.1.mlp.fc2.weight").And.Not.Contain("backbone.patch_embed.proj.weight"));
        Assert.That(tuned.Description.Backbone, Does.EndWith("(fully fine-tuned)"));
    }

    [Test]
    public void AHybridStemTrainsItsTokenProjectionButNeverItsCnn()
    {
        var config = new HybridVitConfig(new VitConfig(EmbedDim: 32, Depth: 1, NumHeads: 2, PatchSize: 16, ImageSize: 112));
        using var model = UniversalMetricModel.CreateBuilder().WithBackbone(Backbone.Prebuilt(HybridEncoder.Create(ResNetFixture.ModelPath, config), "tiny hybrid"))
            .WithEmbeddingDim(8).WithFullFineTuning().Build();
        var names = model.TrainableParameters().Select(p => p.Name).ToList();
        Assert.That(names, Does.Contain("backbone.patch_embed.proj.weight"));
        Assert.That(names.Where(n => n.StartsWith("backbone.patch_embed.backbone.", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void TrainingMovesTheEncoderAtItsOwnRateAndLeavesTheFeaturePartAlone()
    {
        using var model = Model(fineTune: true);
        using var data = TrainingTestData.RandomFeatures(model, 24, 4);
        var groups = ((ITrainableEmbedder)model).ParameterGroups(new TrainingOptions { BackboneLearningRateMultiplier = 0.25 });
        Assert.That(groups.Single(g => g.Name == "backbone").LearningRateMultiplier, Is.EqualTo(0.25));
        Assert.That(groups.Single(g => g.Name == "head").LearningRateMultiplier, Is.EqualTo(10));

        float[] block = Values(model, "backbone.blocks.0.attn.qkv.weight"), patch = Values(model, "backbone.patch_embed.proj.weight");
        model.FitAsync(data, new TrainingOptions { Epochs = 1, BatchSize = 8 }).GetAwaiter().GetResult();
        Assert.That(Values(model, "backbone.blocks.0.attn.qkv.weight"), Is.Not.EqualTo(block), "the encoder trained");
        Assert.That(Values(model, "backbone.patch_embed.proj.weight"), Is.EqualTo(patch), "the feature part did not");
    }

    [Test]
    public void CheckpointsHoldTheFineTunedEncoderAndAFrozenModelRefusesThem()
    {
        string path = Path.Combine(Path.GetTempPath(), $"puma-finetuned-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var source = Model(fineTune: true);
            using var data = TrainingTestData.RandomFeatures(source, 24, 4);
            source.FitAsync(data, new TrainingOptions { Epochs = 1, BatchSize = 8 }).GetAwaiter().GetResult();
            source.SaveTrainable(path);

            using var copy = Model(fineTune: true, seed: 9);
            copy.LoadTrainable(path);
            using (torch.no_grad())
            {
                var expected = source.ForwardFeatures(data.Features).data<float>().ToArray();
                Assert.That(copy.ForwardFeatures(data.Features).data<float>().ToArray(), Is.EqualTo(expected), "same embeddings bit for bit");
            }

            using var frozen = Model(fineTune: false, seed: 9);
            var error = Assert.Throws<InvalidDataException>(() => frozen.LoadTrainable(path))!;
            Assert.That(error.Message, Does.Contain("backbone_trained"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static float[] Values(UniversalMetricModel model, string name) =>
        model.named_parameters().Single(p => p.name == name).parameter.detach().data<float>().ToArray();
}
