using NUnit.Framework;
using Puma.Backbones;
using Puma.Checkpoints;
using Puma.Hooks;
using Puma.Models;
using Puma.Testing;
using TorchSharp;

namespace Puma.Adapters.Tests;

/// <summary>"adapter_only" case of the reference fixtures: frozen ViT + stochastic adapters + head, eval mode.</summary>
public class ReferenceAdapterParityTests
{
    [Test]
    public void AdapterOnlyCaseMatchesTheAuthorsOutputs()
    {
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(ReferenceModels.TinyVit))
            .WithStochasticAdapters(a => a.BottleneckDim(ReferenceModels.AdapterDim).DropProbability(0.5).Scale(0.1))
            .WithEmbeddingDim(ReferenceModels.EmbeddingDim)
            .Build();
        using var scope = torch.NewDisposeScope();
        ReferenceCheckpoint.Load(model, ReferenceModels.OfficialWeights(withAdapter: true, withPrompt: false), "tiny_puma.safetensors");
        model.eval();
        var expected = ReferenceModels.Expected();
        using var recorder = new ActivationRecorder();
        using var noGrad = torch.no_grad();

        var embedding = model.ForwardFeatures(model.Backbone.Stem.features(ReferenceModels.Images()), recorder);

        Assert.Multiple(() =>
        {
            ReferenceModels.AssertClose(embedding, expected["adapter_only.embedding"], "embedding");
            ReferenceModels.AssertClose(embedding, expected["adapter_only.embedding_f64"], "embedding vs f64", 2e-6);
            ReferenceModels.AssertClose(recorder["cls_feature"], expected["adapter_only.cls_feature"], "cls_feature");
            ReferenceModels.AssertClose(recorder["head_linear"], expected["adapter_only.head_linear"], "head_linear");
        });
    }

    [Test]
    public void ScaleDifferentFromTheCheckpointIsRejected()
    {
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(ReferenceModels.TinyVit))
            .WithStochasticAdapters(a => a.BottleneckDim(ReferenceModels.AdapterDim).Scale(0.2))
            .WithEmbeddingDim(ReferenceModels.EmbeddingDim)
            .Build();
        var error = Assert.Throws<InvalidDataException>(() =>
            ReferenceCheckpoint.Load(model, ReferenceModels.OfficialWeights(withAdapter: true, withPrompt: false), "tiny_puma.safetensors"));
        Assert.That(error!.Message, Does.Contain("body.adapter.s.").And.Contain("0.2"));
    }

    [Test]
    public void RankMismatchNamesKeyAndShapes()
    {
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(ReferenceModels.TinyVit))
            .WithStochasticAdapters(a => a.BottleneckDim(4))
            .WithEmbeddingDim(ReferenceModels.EmbeddingDim)
            .Build();
        var error = Assert.Throws<InvalidDataException>(() =>
            ReferenceCheckpoint.Load(model, ReferenceModels.OfficialWeights(withAdapter: true, withPrompt: false), "tiny_puma.safetensors"));
        Assert.That(error!.Message, Does.Contain("adapter.blocks.0.attn.down.weight").And.Contain("[8,64]").And.Contain("[4,64]"));
    }
}
