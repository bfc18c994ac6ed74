using NUnit.Framework;
using Puma.Backbones;
using Puma.Checkpoints;
using Puma.Hooks;
using Puma.Models;
using Puma.Testing;
using TorchSharp;

namespace Puma.Core.Tests.Checkpoints;

/// <summary>
/// The plain frozen ViT + head of the authors' code ("backbone" case of the reference fixtures), loaded through the
/// documented name mapping, reproduces every expected tensor within 1e-5 in eval mode.
/// </summary>
public class ReferenceBackboneParityTests
{
    [Test]
    public void BackboneCaseMatchesTheAuthorsOutputs()
    {
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(ReferenceModels.TinyVit))
            .WithEmbeddingDim(ReferenceModels.EmbeddingDim)
            .Build();
        using var scope = torch.NewDisposeScope();
        ReferenceCheckpoint.Load(model, ReferenceModels.OfficialWeights(withAdapter: false, withPrompt: false), "tiny_puma.safetensors");
        model.eval();
        var expected = ReferenceModels.Expected();
        using var recorder = new ActivationRecorder();
        using var noGrad = torch.no_grad();

        var embedding = model.forward(ReferenceModels.Images());
        var features = model.Backbone.Stem.features(ReferenceModels.Images());
        model.ForwardFeatures(features, recorder);

        Assert.Multiple(() =>
        {
            ReferenceModels.AssertClose(embedding, expected["backbone.embedding"], "embedding");
            ReferenceModels.AssertClose(embedding, expected["backbone.embedding_f64"], "embedding vs f64", 2e-6);
            ReferenceModels.AssertClose(recorder["cls_feature"], expected["backbone.cls_feature"], "cls_feature");
            ReferenceModels.AssertClose(recorder["head_linear"], expected["backbone.head_linear"], "head_linear");
            ReferenceModels.AssertClose(model.BackboneEmbeddingFromFeatures(features), expected["backbone.embedding_skip_head"], "embedding_skip_head");
        });
    }

    [Test]
    public void UnknownOfficialKeyIsRejectedByName()
    {
        using var model = UniversalMetricModel.CreateBuilder().WithBackbone(Backbone.Vit(ReferenceModels.TinyVit)).WithEmbeddingDim(16).Build();
        var weights = ReferenceModels.OfficialWeights(withAdapter: false, withPrompt: false);
        weights["body.head.weight"] = torch.zeros(10, 64);
        var error = Assert.Throws<InvalidDataException>(() => ReferenceCheckpoint.Load(model, weights, "test"));
        Assert.That(error!.Message, Does.Contain("backbone.head.weight"));
    }

    [Test]
    public void MissingOfficialKeyIsRejectedByName()
    {
        using var model = UniversalMetricModel.CreateBuilder().WithBackbone(Backbone.Vit(ReferenceModels.TinyVit)).WithEmbeddingDim(16).Build();
        var weights = ReferenceModels.OfficialWeights(withAdapter: false, withPrompt: false);
        weights.Remove("body.blocks.1.mlp.fc2.bias");
        var error = Assert.Throws<InvalidDataException>(() => ReferenceCheckpoint.Load(model, weights, "test"));
        Assert.That(error!.Message, Does.Contain("backbone.blocks.1.mlp.fc2.bias"));
    }
}
