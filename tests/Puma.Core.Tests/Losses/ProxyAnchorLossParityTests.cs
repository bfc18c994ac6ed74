using NUnit.Framework;
using Puma.Testing;
using Puma.IO;
using Puma.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Losses;

/// <summary>Parity with the authors' <c>losses.PALoss</c> (fixture losses.safetensors, README §6).</summary>
public class ProxyAnchorLossParityTests
{
    private static double MaxAbsDiff(Tensor a, Tensor b) => (a - b).abs().max().to_type(ScalarType.Float64).item<double>();

    [Test]
    public void Float32LossAndGradientsMatchTheAuthorsCode()
    {
        using var scope = torch.NewDisposeScope();
        var fixture = SafeTensorsReader.Read(Fixtures.PumaReference("losses.safetensors"));
        using var loss = new ProxyAnchorLoss(fixture["proxies"], alpha: 32, margin: 0.1);
        var embeddings = fixture["X"].requires_grad_(true);

        var value = loss.forward(embeddings, fixture["labels"]);
        value.backward();

        var expected = fixture["pa_loss"].item<float>();
        Assert.That(value.item<float>(), Is.EqualTo(expected).Within(1e-5 * expected));
        var expectedF64 = fixture["pa_loss_f64"].item<double>();
        Assert.That(value.item<float>(), Is.EqualTo(expectedF64).Within(1e-5 * expectedF64));
        Assert.That(MaxAbsDiff(embeddings.grad!, fixture["pa_grad_X"]), Is.LessThan(1e-5));
        Assert.That(MaxAbsDiff(loss.Proxies.grad!, fixture["pa_grad_proxies"]), Is.LessThan(1e-5));
    }

    [Test]
    public void Float64LossMatchesTheFloat64Reference()
    {
        using var scope = torch.NewDisposeScope();
        var fixture = SafeTensorsReader.Read(Fixtures.PumaReference("losses.safetensors"));
        using var loss = new ProxyAnchorLoss(fixture["proxies"].to_type(ScalarType.Float64));
        var value = loss.forward(fixture["X"].to_type(ScalarType.Float64), fixture["labels"]);
        Assert.That(value.dtype, Is.EqualTo(ScalarType.Float64));
        var expected = fixture["pa_loss_f64"].item<double>();
        Assert.That(value.item<double>(), Is.EqualTo(expected).Within(1e-10 * expected));
    }
}
