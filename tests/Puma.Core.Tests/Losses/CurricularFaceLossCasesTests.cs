using NUnit.Framework;
using Puma.Losses;
using TorchSharp;
using static Puma.Core.Tests.Losses.LossTestTensors;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Losses;

/// <summary>CurricularFace on hand-computed cases: both logit branches, hard negatives with t, the t update rule.</summary>
public class CurricularFaceLossCasesTests
{
    private const double S = 32, M = 0.3;

    /// <summary>Cross-entropy of a 2-class sample whose target logit is <paramref name="target"/> and other logit <paramref name="other"/>.</summary>
    private static double TwoClassCrossEntropy(double target, double other) => Math.Log(1 + Math.Exp(S * (other - target)));

    [Test, Description("Sample at 30° from its proxy, 60° from the other: φ = cos(30° + 0.3) ≥ cos 60°, an easy negative")]
    public void EasyNegativeKeepsItsCosine()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new CurricularFaceLoss(Matrix([1, 0], [0, 1]));
        double phi = Math.Cos(Math.PI / 6 + M);
        double expected = TwoClassCrossEntropy(phi, Math.Cos(Math.PI / 3));
        Assert.That(loss.forward(Matrix(AtAngle(30)), Labels(0)).item<float>(), Is.EqualTo(expected).Within(1e-5));
    }

    [Test, Description("Sample at 60° from its proxy, 30° from the other: φ = cos(60° + 0.3) < cos 30°, a hard negative cos·(t + cos)")]
    public void HardNegativeUsesTheRunningCosineOfTheSamplesClass()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new CurricularFaceLoss(Matrix([1, 0], [0, 1]));
        double phi = Math.Cos(Math.PI / 3 + M), cosNeg = Math.Cos(Math.PI / 6), cosPos = 0.5;

        var first = loss.forward(Matrix(AtAngle(60)), Labels(0)).item<float>();
        Assert.That(first, Is.EqualTo(TwoClassCrossEntropy(phi, cosNeg * (cosNeg + 0))).Within(1e-5), "t = 0 on the first call");
        double t0 = (1 - 0.99) * cosPos;
        Assert.That(loss.RunningPositiveCosine.data<float>().ToArray(), Is.EqualTo(new[] { (float)t0, 0f }).Within(1e-7),
            "t[0] ← 0.99·0 + 0.01·cos θ_y after the call; class 1 absent, unchanged");

        var second = loss.forward(Matrix(AtAngle(60)), Labels(0)).item<float>();
        Assert.That(second, Is.EqualTo(TwoClassCrossEntropy(phi, cosNeg * (cosNeg + t0))).Within(1e-5), "the second call uses t from the first");
        Assert.That(loss.RunningPositiveCosine[0].item<float>(), Is.EqualTo(0.99 * t0 + 0.01 * cosPos).Within(1e-7));
    }

    [Test, Description("cos θ_y ≤ cos(π − m): φ = cos θ_y − m·sin(π − m) (the reference's fallback)")]
    public void FallbackBranchBelowTheThreshold()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new CurricularFaceLoss(Matrix([1, 0], [0, 1]));
        double cosPos = Math.Cos(170 * Math.PI / 180), cosNeg = Math.Sin(170 * Math.PI / 180);
        double phi = cosPos - M * Math.Sin(Math.PI - M);
        Assert.That(cosPos, Is.LessThan(Math.Cos(Math.PI - M)));
        // φ < cos θ_neg: hard negative with t = 0.
        double expected = TwoClassCrossEntropy(phi, cosNeg * cosNeg);
        Assert.That(loss.forward(Matrix(AtAngle(170)), Labels(0)).item<float>(), Is.EqualTo(expected).Within(1e-5));
    }

    [Test, Description("t is the mean over the class's samples in the batch; eval mode reads t but does not update it")]
    public void RunningCosineAveragesPerClassAndFreezesInEvalMode()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new CurricularFaceLoss(Matrix([1, 0], [0, 1], [-1, 0]));
        loss.forward(Matrix(AtAngle(0), AtAngle(60), AtAngle(90)), Labels(0, 0, 1));
        var afterTraining = loss.RunningPositiveCosine.data<float>().ToArray();
        Assert.That(afterTraining, Is.EqualTo(new[] { 0.01f * (1 + 0.5f) / 2, 0.01f * 1, 0f }).Within(1e-7));

        loss.eval();
        loss.forward(Matrix(AtAngle(0)), Labels(0));
        Assert.That(loss.RunningPositiveCosine.data<float>().ToArray(), Is.EqualTo(afterTraining), "no update in eval mode");
    }

    [Test, Description("A sample exactly on its proxy (sin θ = 0) and a zero embedding: finite loss and gradients")]
    public void GradientsStayFiniteAtTheEdges()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new CurricularFaceLoss(Matrix([1, 0], [0, 1]));
        var embeddings = Matrix([1, 0], [0, 0]).requires_grad_(true);
        var value = loss.forward(embeddings, Labels(0, 1));
        value.backward();
        Assert.That(double.IsFinite(value.item<float>()), Is.True);
        Assert.That(AllFinite(embeddings.grad!), Is.True);
        Assert.That(AllFinite(loss.Proxies.grad!), Is.True);
        Assert.That(AllFinite(loss.RunningPositiveCosine), Is.True);
    }

    [Test, Description("A NaN embedding gives a NaN loss (the trainer skips that step) but leaves t of its class unchanged")]
    public void NonFiniteBatchDoesNotPoisonTheRunningCosine()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new CurricularFaceLoss(Matrix([1, 0], [0, 1]));
        var value = loss.forward(Matrix([float.NaN, 1], AtAngle(90)), Labels(0, 1));
        Assert.That(float.IsNaN(value.item<float>()), Is.True);
        Assert.That(loss.RunningPositiveCosine.data<float>().ToArray(), Is.EqualTo(new[] { 0f, 0.01f }).Within(1e-7), "class 0 kept, class 1 updated");
    }

    [TestCase(new long[] { 0, 3 }, 3L)]
    [TestCase(new long[] { -1, 0 }, -1L)]
    public void LabelOutsideTheClassRangeIsNamed(long[] labels, long offending)
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new CurricularFaceLoss(3, 2);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => loss.forward(torch.ones(2, 2), Labels(labels)));
        Assert.That(ex!.ActualValue, Is.EqualTo(offending));
        Assert.That(ex.Message, Does.Contain($"Label {offending} ").And.Contain("C = 3"));
    }

    [Test]
    public void RunningCosineIsABufferAndProxiesTheOnlyParameter()
    {
        torch.manual_seed(5);
        using var loss = new CurricularFaceLoss(7, 3);
        Assert.That(loss.named_parameters().Select(p => p.name), Is.EqualTo(new[] { "proxies" }));
        Assert.That(loss.named_buffers().Select(b => b.name), Is.EqualTo(new[] { "pos_sim" }));
        Assert.That(loss.RunningPositiveCosine.shape, Is.EqualTo(new long[] { 7 }));
        Assert.That(loss.Proxies.abs().max().item<float>(), Is.LessThanOrEqualTo(Math.Sqrt(6.0 / 7)), "kaiming-uniform fan_out bound");
    }

    [Test]
    public void InvalidHyperParametersAreNamed()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => new CurricularFaceLoss(3, 2, scale: 0))!.ParamName, Is.EqualTo("scale"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => new CurricularFaceLoss(3, 2, margin: 2))!.ParamName, Is.EqualTo("margin"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => new CurricularFaceLoss(3, 2, momentum: 1))!.ParamName, Is.EqualTo("momentum"));
        var problems = new CurricularFaceLossSpec(scale: -1, margin: 3, momentum: 1.5).Validate().ToList();
        Assert.That(problems, Has.Count.EqualTo(3));
        Assert.That(new CurricularFaceLossSpec().Description, Is.EqualTo("curricularface s=32 m=0.3"));
    }
}
