using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Prompts.Tests;

/// <summary>BR-15 (a): orthogonal keys and attention vectors; the documented component initialisation.</summary>
public class PromptPoolInitTests
{
    [Test]
    public void KeysAndAttentionVectorsAreOrthonormalAndComponentsAreCopies()
    {
        using var pool = new PromptPool(384, new PromptPoolOptions().Components(20).Length(8));
        using var scope = torch.NewDisposeScope();
        Assert.Multiple(() =>
        {
            Assert.That(MaxOffDiagonalCosine(pool.Keys), Is.LessThan(1e-5));
            Assert.That(MaxOffDiagonalCosine(pool.AttentionVectors!), Is.LessThan(1e-5));
            var first = pool.Components[0];
            for (int m = 1; m < 20; m++)
                Assert.That((pool.Components[m] - first).abs().max().item<float>(), Is.EqualTo(0f), $"component {m} equals component 0");
        });
    }

    [Test]
    public void OrthogonalInitMakesComponentsMutuallyOrthogonal()
    {
        using var pool = new PromptPool(64, new PromptPoolOptions().Components(4).Length(2).Initialization(PromptInit.Orthogonal));
        using var scope = torch.NewDisposeScope();
        Assert.That(MaxOffDiagonalCosine(pool.Components.flatten(1)), Is.LessThan(1e-5));
    }

    [Test]
    public void InvalidOptionsAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => new PromptPool(64, new PromptPoolOptions().Components(0).Length(-1)));
        Assert.That(error!.Message, Does.Contain("Component count").And.Contain("Prompt length"));
    }

    private static double MaxOffDiagonalCosine(Tensor rows)
    {
        var unit = rows / rows.norm(dim: 1, keepdim: true);
        var gram = unit.matmul(unit.t()).abs() - torch.eye(rows.shape[0]);
        return gram.abs().max().item<float>();
    }
}
