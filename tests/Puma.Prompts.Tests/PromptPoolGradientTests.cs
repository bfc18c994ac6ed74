using NUnit.Framework;
using Puma.Adapters;
using Puma.Losses;
using Puma.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Prompts.Tests;

/// <summary>BR-16: gradients reach every key, attention vector and prompt component; the query is detached; CPU works.</summary>
public class PromptPoolGradientTests
{
    [TestCase(0.0)]
    [TestCase(1.0)]
    public void OneBackwardReachesEveryRowOfKeysAttentionAndPrompts(double orthogonality)
    {
        torch.manual_seed(3);
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Puma.Backbones.Backbone.Vit(TinyModels.TinyVit))
            .WithStochasticAdapters(a => a.BottleneckDim(8))
            .WithPromptPool(p => p.Components(4).Length(2).Orthogonality(orthogonality))
            .WithEmbeddingDim(16)
            .Build();
        using var loss = new ProxyAnchorLoss(2, 16);
        var pool = (PromptPool)model.Prompt!;
        using var scope = torch.NewDisposeScope();
        model.train();
        var embeddings = model.forward(torch.randn(4, 3, 32, 32));
        var objective = loss.forward(embeddings, torch.tensor(new long[] { 0, 1, 0, 1 }));
        var penalty = pool.RegularizationLoss();
        Assert.That(penalty is null, Is.EqualTo(orthogonality == 0), "penalty present only with a positive weight");
        if (penalty is not null)
        {
            Assert.That(penalty.item<float>(), Is.GreaterThan(0f), "components start as copies: the penalty is positive");
            objective = objective + penalty;
        }
        objective.backward();

        foreach (var (name, parameter) in new[] { ("keys", pool.Keys), ("attention", pool.AttentionVectors!), ("components", pool.Components) })
        {
            var rowNorms = parameter.grad!.flatten(1).norm(dim: 1).data<float>().ToArray();
            Assert.That(rowNorms, Has.All.GreaterThan(0f), $"{name}: every row has a gradient");
        }
        Assert.That(model.Backbone.parameters().All(p => p.grad is null), Is.True, "no gradient reaches the frozen backbone");
    }

    [Test, Description("BR-16 · top-k mode in the tiny PUMA model: unselected prompts and keys get exactly zero gradient")]
    public void TopKModeLeavesUnselectedComponentsWithoutGradient()
    {
        torch.manual_seed(3);
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Puma.Backbones.Backbone.Vit(TinyModels.TinyVit))
            .WithStochasticAdapters(a => a.BottleneckDim(8))
            .WithPromptPool(p => p.Components(6).Length(2).TopK(1).Orthogonality(0))
            .WithEmbeddingDim(16)
            .Build();
        using var loss = new ProxyAnchorLoss(2, 16);
        var pool = (PromptPool)model.Prompt!;
        using var scope = torch.NewDisposeScope();
        var features = model.Backbone.Stem.features(torch.randn(4, 3, 32, 32));
        var selected = pool.SelectComponents(model.Backbone.Stem.tokens(features)).data<long>().ToArray().Select(i => (int)i).ToHashSet();
        Assert.That(selected, Has.Count.LessThan(6));

        model.train();
        var objective = loss.forward(model.ForwardFeatures(features), torch.tensor(new long[] { 0, 1, 0, 1 })) + pool.RegularizationLoss()!;
        objective.backward();

        var promptRows = pool.Components.grad!.flatten(1).norm(dim: 1).data<float>().ToArray();
        var keyRows = pool.Keys.grad!.norm(dim: 1).data<float>().ToArray();
        for (int m = 0; m < 6; m++)
        {
            bool isSelected = selected.Contains(m);
            Assert.That(promptRows[m] > 0, Is.EqualTo(isSelected), $"prompt {m} (selected: {isSelected}) gradient norm {promptRows[m]}");
            Assert.That(keyRows[m] > 0, Is.EqualTo(isSelected), $"key {m} (selected: {isSelected}) gradient norm {keyRows[m]}");
        }
        Assert.That(promptRows.Where((_, m) => !selected.Contains(m)), Has.All.EqualTo(0f), "exactly zero, not merely small");
    }

    [Test]
    public void QueryIsDetachedFromThePatchTokens()
    {
        using var scope = torch.NewDisposeScope();
        var tokens = torch.randn(2, 4, 8, requires_grad: true);
        var query = PromptPool.Query(tokens);
        Assert.That(query.requires_grad, Is.False);
        // ½(mean + max) by hand on one row.
        var row = tokens[0].detach().data<float>().ToArray();
        double mean = Enumerable.Range(0, 4).Average(t => row[t * 8]);
        double max = Enumerable.Range(0, 4).Max(t => row[t * 8]);
        Assert.That(query[0, 0].item<float>(), Is.EqualTo((mean + max) / 2).Within(1e-6));
    }
}
