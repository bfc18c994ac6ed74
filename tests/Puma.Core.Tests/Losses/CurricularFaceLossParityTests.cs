using NUnit.Framework;
using Puma.IO;
using Puma.Losses;
using Puma.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Losses;

/// <summary>
/// Parity with the authors' <c>losses.CurricularFace(nb_classes=5, sz_embed=16, alpha=32, mrg=0.3)</c> called twice
/// (fixture losses.safetensors, README §6): values, gradients and the per-class running positive cosine t.
/// </summary>
public class CurricularFaceLossParityTests
{
    private static double MaxAbsDiff(Tensor a, Tensor b) =>
        (a.to_type(ScalarType.Float64) - b.to_type(ScalarType.Float64)).abs().max().item<double>();

    [Test]
    public void TwoCallsMatchTheAuthorsValuesGradientsAndRunningState()
    {
        using var scope = torch.NewDisposeScope();
        var fixture = SafeTensorsReader.Read(Fixtures.PumaReference("losses.safetensors"));
        using var loss = new CurricularFaceLoss(fixture["proxies"], scale: 32, margin: 0.3);
        Assert.That(loss.training, Is.True, "a new module is in training mode, as the fixture's was");
        Assert.That(MaxAbsDiff(loss.RunningPositiveCosine, fixture["cf_t_before_step1"]), Is.EqualTo(0.0), "t starts at 0");

        var x = fixture["X"].requires_grad_(true);
        var first = loss.forward(x, fixture["labels"]);
        first.backward();

        Assert.Multiple(() =>
        {
            Assert.That(first.item<float>(), Is.EqualTo(fixture["cf_loss_step1"].item<float>()).Within(1e-5));
            Assert.That(first.item<float>(), Is.EqualTo(fixture["cf_loss_step1_f64"].item<double>()).Within(1e-5));
            Assert.That(MaxAbsDiff(x.grad!, fixture["cf_grad_X_step1"]), Is.LessThan(1e-5), "gradient of X");
            Assert.That(MaxAbsDiff(loss.Proxies.grad!, fixture["cf_grad_proxies_step1"]), Is.LessThan(1e-5), "gradient of the proxies");
            Assert.That(MaxAbsDiff(loss.RunningPositiveCosine, fixture["cf_t_after_step1"]), Is.LessThan(1e-7), "t after call 1");
        });

        var second = loss.forward(fixture["X2"], fixture["labels2"]);
        Assert.Multiple(() =>
        {
            Assert.That(second.item<float>(), Is.EqualTo(fixture["cf_loss_step2"].item<float>()).Within(1e-5));
            Assert.That(second.item<float>(), Is.EqualTo(fixture["cf_loss_step2_f64"].item<double>()).Within(1e-5));
            Assert.That(MaxAbsDiff(loss.RunningPositiveCosine, fixture["cf_t_after_step2"]), Is.LessThan(1e-7), "t after call 2");
        });
    }

    [Test]
    public void Float64MatchesTheIndependentFloat64Recomputation()
    {
        using var scope = torch.NewDisposeScope();
        var fixture = SafeTensorsReader.Read(Fixtures.PumaReference("losses.safetensors"));
        using var loss = new CurricularFaceLoss(fixture["proxies"].to_type(ScalarType.Float64));
        var x = fixture["X"].to_type(ScalarType.Float64);

        var (logits, cosine) = loss.ScaledLogits(x, fixture["labels"]);
        Assert.That(MaxAbsDiff(cosine, fixture["cos_f64"]), Is.LessThan(1e-12), "cosines");
        Assert.That(MaxAbsDiff(logits, fixture["cf_logits_step1_f64"]), Is.LessThan(1e-10), "scaled logits, both branches of φ and hard negatives");

        var first = loss.forward(x, fixture["labels"]);
        Assert.That(first.dtype, Is.EqualTo(ScalarType.Float64));
        Assert.That(first.item<double>(), Is.EqualTo(fixture["cf_loss_step1_f64"].item<double>()).Within(1e-10));
        Assert.That(MaxAbsDiff(loss.RunningPositiveCosine, fixture["cf_t_after_step1_f64"]), Is.LessThan(1e-12));

        var second = loss.forward(fixture["X2"].to_type(ScalarType.Float64), fixture["labels2"]);
        Assert.That(second.item<double>(), Is.EqualTo(fixture["cf_loss_step2_f64"].item<double>()).Within(1e-10));
        Assert.That(MaxAbsDiff(loss.RunningPositiveCosine, fixture["cf_t_after_step2_f64"]), Is.LessThan(1e-12));
    }
}
