using NUnit.Framework;
using Puma.Adapters;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Models;
using TorchSharp;

namespace Puma.Prompts.Tests;

/// <summary>BR-21: every sub-module is registered; the reference configuration has exactly 2,485,376 trainable scalars.</summary>
public class PumaParameterCountTests
{
    [Test]
    public void ReferenceConfigurationOnVitSmallHasTheReferenceTrainableCount()
    {
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(VitConfig.SmallPatch16()))
            .WithStochasticAdapters()
            .WithPromptPool()
            .WithEmbeddingDim(128)
            .Build();

        var byComponent = model.TrainableParameterCountByComponent();
        Assert.Multiple(() =>
        {
            Assert.That(byComponent["adapter"], Is.EqualTo(12 * 2 * (384 * 128 + 128 * 384)), "adapters");
            Assert.That(byComponent["prompt"], Is.EqualTo(20 * 8 * 384 + 20 * 384 + 20 * 384), "prompt pool");
            Assert.That(byComponent["head"], Is.EqualTo(384 * 128 + 128), "head");
            Assert.That(model.TrainableParameterCount, Is.EqualTo(2_485_376));
            // ViT-S/16 without a classifier: 21,665,664; plus the frozen prompt position rows (8 × 384).
            Assert.That(model.FrozenParameterCount, Is.EqualTo(21_665_664 + 8 * 384));
            Assert.That(model.Backbone.parameters().All(p => !p.requires_grad), Is.True, "backbone frozen");
        });
    }

    [Test]
    public void ForwardCreatesNoParameters()
    {
        using var model = TinyModels.Puma();
        int before = model.parameters().Count();
        using (var scope = torch.NewDisposeScope())
        {
            model.eval();
            model.forward(torch.randn(2, 3, 32, 32));
        }
        Assert.That(model.parameters().Count(), Is.EqualTo(before));
    }
}
