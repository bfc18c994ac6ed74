using NUnit.Framework;
using Puma.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Losses;

/// <summary>BR-04 · proxy init: kaiming-uniform, fan_out on C×E, bound √(6/C), std √(2/C); trainable and exposed.</summary>
public class ProxyInitializationTests
{
    [Test, Description("BR-04 · C=1000, E=128: sample std within 5% of √(2/C) = 0.0447, every value within ±√(6/C)")]
    public void BR04_KaimingUniformFanOut()
    {
        torch.manual_seed(20250101);
        using var loss = new ProxyAnchorLoss(1000, 128);
        using var scope = torch.NewDisposeScope();
        var proxies = loss.Proxies.detach();
        Assert.That(proxies.shape, Is.EqualTo(new long[] { 1000, 128 }));
        Assert.That(proxies.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(proxies.std().item<float>(), Is.EqualTo(0.0447).Within(0.05 * 0.0447));
        Assert.That(proxies.abs().max().item<float>(), Is.LessThanOrEqualTo(Math.Sqrt(6.0 / 1000)));
    }

    [Test]
    public void BR04_SameSeedSameProxies_OtherSeedOtherProxies()
    {
        torch.manual_seed(11);
        using var first = new ProxyAnchorLoss(5, 4);
        torch.manual_seed(11);
        using var second = new ProxyAnchorLoss(5, 4);
        torch.manual_seed(12);
        using var third = new ProxyAnchorLoss(5, 4);
        using var scope = torch.NewDisposeScope();
        Assert.That(first.Proxies.data<float>().ToArray(), Is.EqualTo(second.Proxies.data<float>().ToArray()));
        Assert.That(first.Proxies.data<float>().ToArray(), Is.Not.EqualTo(third.Proxies.data<float>().ToArray()));
    }

    [Test]
    public void ProxiesAreTheModulesOnlyTrainableParameter()
    {
        using var loss = new ProxyAnchorLoss(7, 3);
        var parameters = loss.named_parameters().ToList();
        Assert.That(parameters.Select(p => p.name), Is.EqualTo(new[] { "proxies" }));
        Assert.That(ReferenceEquals(parameters[0].parameter, loss.Proxies), Is.True);
        Assert.That(loss.Proxies.requires_grad, Is.True);
        Assert.That((loss.NumClasses, loss.EmbeddingDim), Is.EqualTo((7, 3)));
    }

    [Test]
    public void GivenProxiesAreCopiedAndSurviveTheCallersDisposeScope()
    {
        ProxyAnchorLoss loss;
        float[] given = { 1, 2, 3, 4, 5, 6 };
        using (torch.NewDisposeScope())
        {
            loss = new ProxyAnchorLoss(torch.tensor(given).reshape(3, 2));
        }
        using (loss)
        using (torch.NewDisposeScope())
        {
            Assert.That(loss.Proxies.data<float>().ToArray(), Is.EqualTo(given));
            Assert.That((loss.NumClasses, loss.EmbeddingDim), Is.EqualTo((3, 2)));
            Assert.That(double.IsFinite(loss.forward(torch.ones(1, 2), torch.tensor(new long[] { 2 })).item<float>()), Is.True);
        }
    }
}
