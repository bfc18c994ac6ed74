using NUnit.Framework;
using Puma.Adapters;
using Puma.Backbones;
using Puma.Checkpoints;
using Puma.Hooks;
using Puma.Models;
using Puma.Testing;
using TorchSharp;

namespace Puma.Prompts.Tests;

/// <summary>
/// "puma" case of the reference fixtures: prompt pool + stochastic adapters + frozen ViT + head, loaded through the
/// documented name mapping; every expected tensor (query, weights, prompt, per-block tokens, CLS, embedding) within 1e-5.
/// </summary>
public class ReferencePumaParityTests
{
    private static readonly string[] PerBlock =
    [
        "attn_out.l0", "attn_out.l1", "mlp_out.l0", "mlp_out.l1", "adapter_out.l0.attn", "adapter_out.l0.mlp",
        "adapter_out.l1.attn", "adapter_out.l1.mlp", "block0_out", "block1_out",
    ];

    [Test]
    public void PumaCaseMatchesEveryExpectedTensor()
    {
        using var model = BuildReferenceModel();
        using var scope = torch.NewDisposeScope();
        ReferenceCheckpoint.Load(model, ReferenceModels.OfficialWeights(withAdapter: true, withPrompt: true), "tiny_puma.safetensors");
        model.eval();
        var expected = ReferenceModels.Expected();
        using var recorder = new ActivationRecorder();
        using var noGrad = torch.no_grad();

        var embedding = model.ForwardFeatures(model.Backbone.Stem.features(ReferenceModels.Images()), recorder);

        Assert.Multiple(() =>
        {
            ReferenceModels.AssertClose(embedding, expected["puma.embedding"], "embedding");
            ReferenceModels.AssertClose(embedding, expected["puma.embedding_f64"], "embedding vs f64", 2e-6);
            foreach (var name in new[] { "patch_tokens", "query", "alpha_cos", "alpha", "prompt", "tokens_in", "final_tokens", "cls_feature", "head_linear" }.Concat(PerBlock))
                ReferenceModels.AssertClose(recorder[name], expected["puma." + name], name);
        });
    }

    [Test]
    public void PromptLengthMismatchIsRejected()
    {
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(ReferenceModels.TinyVit))
            .WithStochasticAdapters(a => a.BottleneckDim(ReferenceModels.AdapterDim))
            .WithPromptPool(p => p.Components(ReferenceModels.Components).Length(3))
            .WithEmbeddingDim(ReferenceModels.EmbeddingDim)
            .Build();
        var error = Assert.Throws<InvalidDataException>(() =>
            ReferenceCheckpoint.Load(model, ReferenceModels.OfficialWeights(withAdapter: true, withPrompt: true), "tiny_puma.safetensors"));
        Assert.That(error!.Message, Does.Contain("prompt"));
    }

    internal static UniversalMetricModel BuildReferenceModel() =>
        UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(ReferenceModels.TinyVit))
            .WithStochasticAdapters(a => a.BottleneckDim(ReferenceModels.AdapterDim).DropProbability(0.5).Scale(0.1))
            .WithPromptPool(p => p.Components(ReferenceModels.Components).Length(ReferenceModels.PromptLength))
            .WithEmbeddingDim(ReferenceModels.EmbeddingDim)
            .Build();
}
