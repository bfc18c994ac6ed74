using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Prompts.Tests;

/// <summary>BR-15 (b) and BR-16 (top-k part): per-sample L2P-style selection, zero gradient for unselected prompts, key pull.</summary>
public class PromptPoolTopKTests
{
    /// <summary>Patch tokens <c>[B, 1, D]</c> whose pool query ½(mean + max) is exactly the given row.</summary>
    private static Tensor TokensWithQueries(params float[][] queries) =>
        torch.tensor(queries.SelectMany(q => q).ToArray()).reshape(queries.Length, 1, queries[0].Length);

    private static float[] Unit(int dim, params (int Index, float Value)[] entries)
    {
        var v = new float[dim];
        foreach (var (i, x) in entries) v[i] = x;
        return v;
    }

    [Test, Description("BR-15 (b) · keys e1..e4, queries e1 + 0.1·e2 and e3, top-1: per-sample selection [0, 2], usage exposed")]
    public void EachSampleSelectsItsOwnComponent()
    {
        using var pool = new PromptPool(8, new PromptPoolOptions().Components(4).Length(2).TopK(1).Orthogonality(0));
        using var scope = torch.NewDisposeScope();
        using (torch.no_grad()) pool.Keys.copy_(torch.eye(4, 8));
        var tokens = TokensWithQueries(Unit(8, (0, 1f), (1, 0.1f)), Unit(8, (2, 1f)));

        Assert.That(pool.SelectComponents(tokens).data<long>().ToArray(), Is.EqualTo(new long[] { 0, 2 }), "not one shared majority choice");

        pool.train();
        var prompt = pool.forward(tokens);
        Assert.That(pool.PromptLength, Is.EqualTo(2));
        Assert.That(prompt.shape, Is.EqualTo(new long[] { 2, 2, 8 }));
        Assert.That((prompt[0] - pool.Components[0]).abs().max().item<float>(), Is.EqualTo(0f), "sample 0 gets component 0");
        Assert.That((prompt[1] - pool.Components[2]).abs().max().item<float>(), Is.EqualTo(0f), "sample 1 gets component 2");
        Assert.That(pool.Usage.SelectionCounts(), Is.EqualTo(new long[] { 1, 0, 1, 0 }));
        Assert.That(pool.Usage.MeanWeight(), Is.EqualTo(new[] { 0.5, 0, 0.5, 0 }));
        Assert.That(pool.UsageSnapshot().ToString(), Is.EqualTo("prompt usage over 2 samples: mean weight [0.500 0.000 0.500 0.000]; selections [1 0 1 0]"));
        pool.ResetUsage();
        Assert.That(pool.Usage.SelectionCounts(), Is.EqualTo(new long[4]));
    }

    [Test, Description("Top-2 concatenates the two best components, most similar first (prompt length k × L)")]
    public void TopTwoConcatenatesTheBestComponentsInOrder()
    {
        using var pool = new PromptPool(8, new PromptPoolOptions().Components(4).Length(2).TopK(2));
        using var scope = torch.NewDisposeScope();
        using (torch.no_grad()) pool.Keys.copy_(torch.eye(4, 8));
        var tokens = TokensWithQueries(Unit(8, (0, 0.2f), (3, 1f)));
        Assert.That(pool.SelectComponents(tokens).data<long>().ToArray(), Is.EqualTo(new long[] { 3, 0 }));
        pool.eval();
        var prompt = pool.forward(tokens);
        Assert.That(pool.PromptLength, Is.EqualTo(4));
        var expected = torch.cat([pool.Components[3], pool.Components[0]], dim: 0);
        Assert.That((prompt[0] - expected).abs().max().item<float>(), Is.EqualTo(0f));
        Assert.That(pool.RegularizationLoss(), Is.Not.Null, "orthogonality penalty (default λ = 1) even without a pull term");
    }

    [Test, Description("BR-16 · top-k: unselected prompts and keys get exactly zero gradient; selected ones a non-zero one")]
    public void UnselectedComponentsGetExactlyZeroGradient()
    {
        using var pool = new PromptPool(16, new PromptPoolOptions().Components(6).Length(2).TopK(1).Orthogonality(0));
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        var tokens = torch.randn(4, 5, 16);
        var selected = pool.SelectComponents(tokens).data<long>().ToArray().Select(i => (int)i).ToHashSet();
        Assert.That(selected, Has.Count.LessThan(6), "with 4 samples and top-1 at least two components stay unselected");

        pool.train();
        var prompt = pool.forward(tokens);
        var objective = prompt.pow(2).sum() + pool.RegularizationLoss()!;
        objective.backward();

        var promptRows = pool.Components.grad!.flatten(1).norm(dim: 1).data<float>().ToArray();
        var keyRows = pool.Keys.grad!.norm(dim: 1).data<float>().ToArray();
        for (int m = 0; m < 6; m++)
        {
            if (selected.Contains(m))
            {
                Assert.That(promptRows[m], Is.GreaterThan(0f), $"selected prompt {m}");
                Assert.That(keyRows[m], Is.GreaterThan(0f), $"selected key {m} (through the pull term)");
            }
            else
            {
                Assert.That(promptRows[m], Is.EqualTo(0f), $"unselected prompt {m}");
                Assert.That(keyRows[m], Is.EqualTo(0f), $"unselected key {m}");
            }
        }
        Assert.That(pool.AttentionVectors, Is.Null, "top-k mode has no attention vectors");
    }

    [Test, Description("BR-16 · one SGD step on the pull term alone increases the cosine between each query and its selected keys")]
    public void OneStepOnThePullTermIncreasesEverySelectedCosine()
    {
        using var pool = new PromptPool(16, new PromptPoolOptions().Components(5).Length(2).TopK(2, pullWeight: 0.5).Orthogonality(0));
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(8);
        var tokens = torch.randn(4, 5, 16);
        var selected = pool.SelectComponents(tokens);
        var before = pool.KeySimilarity(tokens).detach().gather(1, selected);

        pool.train();
        pool.forward(tokens);
        var pull = pool.RegularizationLoss()!;
        double expected = 0.5 * (1 - before).sum().item<float>() / 4;
        Assert.That(pull.item<float>(), Is.EqualTo(expected).Within(1e-6), "γ · (1/B) Σ_b Σ_selected (1 − cos)");
        Assert.That(pool.RegularizationLoss(), Is.Null, "the pull term is consumed once");
        pull.backward();
        using (torch.no_grad()) pool.Keys.sub_(pool.Keys.grad! * 0.1);

        var after = pool.KeySimilarity(tokens).detach().gather(1, selected);
        var gains = (after - before).flatten().data<float>().ToArray();
        Assert.That(gains, Has.All.GreaterThan(0f), $"cosine gains {string.Join(", ", gains)}");
    }

    [Test]
    public void EvalModeAddsNoPullTermAndRecordsNoUsage()
    {
        using var pool = new PromptPool(16, new PromptPoolOptions().Components(4).Length(2).TopK(1).Orthogonality(0));
        using var scope = torch.NewDisposeScope();
        pool.eval();
        pool.forward(torch.randn(3, 5, 16));
        Assert.That(pool.RegularizationLoss(), Is.Null);
        Assert.That(pool.Usage.Samples, Is.EqualTo(0));
    }

    [Test]
    public void InvalidTopKOptionsAreNamed()
    {
        var tooMany = Assert.Throws<ArgumentException>(() => new PromptPool(8, new PromptPoolOptions().Components(4).TopK(5)))!;
        Assert.That(tooMany.Message, Does.Contain("Top-k must select between 1 and the component count 4").And.Contain("k = 5"));
        var negative = Assert.Throws<ArgumentException>(() => new PromptPool(8, new PromptPoolOptions().Components(4).TopK(1, pullWeight: -1)))!;
        Assert.That(negative.Message, Does.Contain("Key-pull weight"));
        using var attention = new PromptPool(8, new PromptPoolOptions().Components(4));
        Assert.Throws<InvalidOperationException>(() => attention.SelectComponents(torch.randn(1, 2, 8)));
        Assert.That(new PromptPoolOptions().Components(4).Length(3).TopK(2).ToString(), Is.EqualTo("prompt pool M=4 L=3 top-k=2 pull=0.5 λ=1"));
    }
}
