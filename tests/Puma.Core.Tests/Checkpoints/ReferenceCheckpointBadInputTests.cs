using NUnit.Framework;
using Puma.Backbones;
using Puma.Checkpoints;
using Puma.Models;
using Puma.Testing;
using TorchSharp;

namespace Puma.Core.Tests.Checkpoints;

/// <summary>A malformed or damaged official checkpoint is refused by key name, never with an index or native error.</summary>
public class ReferenceCheckpointBadInputTests
{
    private static UniversalMetricModel Model() =>
        UniversalMetricModel.CreateBuilder().WithBackbone(Backbone.Vit(ReferenceModels.TinyVit)).WithEmbeddingDim(16).Build();

    [Test]
    public void PositionEmbeddingOfTheWrongRankIsNamed()
    {
        using var model = Model();
        using var scope = torch.NewDisposeScope();
        var weights = ReferenceModels.OfficialWeights(withAdapter: false, withPrompt: false);
        weights["body.pos_embed"] = torch.zeros(5, 64);
        var error = Assert.Throws<InvalidDataException>(() => ReferenceCheckpoint.Load(model, weights, "official.pth"))!;
        Assert.That(error.Message, Does.Contain("body.pos_embed").And.Contain("[5,64]"));
    }

    [Test]
    public void NaNInAnOfficialWeightIsNamedByItsPumaKey()
    {
        using var model = Model();
        using var scope = torch.NewDisposeScope();
        var weights = ReferenceModels.OfficialWeights(withAdapter: false, withPrompt: false);
        weights["body.blocks.0.attn.qkv.weight"][7, 3] = torch.tensor(float.NaN);
        var error = Assert.Throws<InvalidDataException>(() => ReferenceCheckpoint.Load(model, weights, "official.pth"))!;
        Assert.That(error.Message, Does.Contain("official.pth").And.Contain("'backbone.blocks.0.attn.qkv.weight' holds 1 non-finite value, first NaN at [7, 3]"));
    }
}
