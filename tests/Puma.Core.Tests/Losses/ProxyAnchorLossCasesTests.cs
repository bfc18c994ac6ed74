using Puma.Tensors;
using NUnit.Framework;
using Puma.Losses;
using TorchSharp;
using static Puma.Core.Tests.Losses.LossTestTensors;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Losses;

/// <summary>Proxy-Anchor against the computed values of reference-cases.md (BR-01, BR-02, BR-05, BR-06).</summary>
public class ProxyAnchorLossCasesTests
{
    private static double Value(Tensor t) => t.to_type(ScalarType.Float64).item<double>();

    [Test, Description("BR-01 · fp32: 2 classes, proxies (1,0),(0,1), one sample of class 1 at (1,0) → 20.8400 (3.2400 + 17.6000)")]
    public void BR01_SampleOnTheWrongProxy_Float32()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new ProxyAnchorLoss(Matrix([1, 0], [0, 1]));
        var (positive, negative) = loss.ComputeTerms(Matrix([1, 0]), Labels(1));
        Assert.That(Value(positive), Is.EqualTo(3.2400).Within(1e-4));
        Assert.That(Value(negative), Is.EqualTo(17.6000).Within(1e-4));
        Assert.That(Value(loss.forward(Matrix([1, 0]), Labels(1))), Is.EqualTo(20.8400).Within(1e-4));
    }

    [Test, Description("BR-01 · fp16 embeddings and proxies: finite, within 0.05 of 20.84, finite gradients")]
    public void BR01_SampleOnTheWrongProxy_Float16()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new ProxyAnchorLoss(Matrix([1, 0], [0, 1]).to_type(ScalarType.Float16));
        Assert.That(loss.Proxies.dtype, Is.EqualTo(ScalarType.Float16));
        var embeddings = Matrix([1, 0]).to_type(ScalarType.Float16).requires_grad_(true);

        var value = loss.forward(embeddings, Labels(1));
        value.backward();

        Assert.That(double.IsFinite(Value(value)), Is.True);
        Assert.That(Value(value), Is.EqualTo(20.84).Within(0.05));
        Assert.That(AllFinite(embeddings.grad!), Is.True);
        Assert.That(AllFinite(loss.Proxies.grad!), Is.True);
    }

    [Test, Description("BR-02 · C=3, class 2 absent, alpha 4, margin 0.1: positive 0.045638, negative 1.731896, loss 1.777535 (not 1.762322)")]
    public void BR02_AbsentClass_PositiveTermDividedByProxiesWithPositives()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new ProxyAnchorLoss(Matrix([1, 0], [0, 1], [-1, 0]), alpha: 4, margin: 0.1);
        var embeddings = Matrix(AtAngle(30), AtAngle(60));
        var (positive, negative) = loss.ComputeTerms(embeddings, Labels(0, 1));
        var total = Value(loss.forward(embeddings, Labels(0, 1)));

        Assert.That(Value(positive), Is.EqualTo(0.045638).Within(2e-6));
        Assert.That(Value(negative), Is.EqualTo(1.731896).Within(2e-6));
        Assert.That(total, Is.EqualTo(1.777535).Within(2e-6));
        Assert.That(Math.Abs(total - 1.762322), Is.GreaterThan(1e-3), "dividing the positive term by C = 3 would give 1.762322");
    }

    [Test, Description("BR-02 · the same input at alpha 32 gives 12.800001")]
    public void BR02_AbsentClass_Alpha32()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new ProxyAnchorLoss(Matrix([1, 0], [0, 1], [-1, 0]));
        Assert.That(loss.Alpha, Is.EqualTo(32));
        Assert.That(loss.Margin, Is.EqualTo(0.1));
        Assert.That(Value(loss.forward(Matrix(AtAngle(30), AtAngle(60)), Labels(0, 1))), Is.EqualTo(12.800001).Within(1e-5));
    }

    [Test, Description("BR-02 · sanity: proxies (1,0),(0,1), samples exactly on their own proxies → 3.239953")]
    public void BR02_SamplesOnTheirOwnProxies()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new ProxyAnchorLoss(Matrix([1, 0], [0, 1]));
        Assert.That(Value(loss.forward(Matrix([1, 0], [0, 1]), Labels(0, 1))), Is.EqualTo(3.239953).Within(2e-6));
    }

    [TestCase(new long[] { 0, 3 }, 3L)]
    [TestCase(new long[] { -1, 0 }, -1L)]
    [Description("BR-05 · C=3, labels [0,3] and [−1,0]: ArgumentOutOfRangeException naming the label and C, before any tensor math")]
    public void BR05_LabelOutsideTheClassRange(long[] labels, long offending)
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new ProxyAnchorLoss(3, 2);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => loss.forward(torch.ones(2, 2), Labels(labels)));
        Assert.That(ex!.ActualValue, Is.EqualTo(offending));
        Assert.That(ex.Message, Does.Contain($"Label {offending} ").And.Contain("C = 3"));
    }

    [Test, Description("BR-06 · a zero embedding: normalised it stays (0,0); loss 4.859930 (positive 1.619977, negative 3.239953); finite gradients")]
    public void BR06_ZeroEmbedding()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new ProxyAnchorLoss(Matrix([1, 0], [0, 1]));
        var embeddings = Matrix([0, 0], [0, 1]).requires_grad_(true);

        var normalised = L2Normalization.Normalize(embeddings, dim: 1);
        Assert.That(normalised.data<float>().ToArray()[..2], Is.EqualTo(new[] { 0f, 0f }));
        var (positive, negative) = loss.ComputeTerms(embeddings, Labels(0, 1));
        Assert.That(Value(positive), Is.EqualTo(1.619977).Within(2e-6));
        Assert.That(Value(negative), Is.EqualTo(3.239953).Within(2e-6));

        var total = positive + negative;
        Assert.That(Value(total), Is.EqualTo(4.859930).Within(2e-6));
        total.backward();
        Assert.That(AllFinite(embeddings.grad!), Is.True);
        Assert.That(AllFinite(loss.Proxies.grad!), Is.True);
    }
}
