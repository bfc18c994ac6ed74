using Puma.Tensors;
using NUnit.Framework;
using Puma.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Tensors;

public class L2NormalizationTests
{
    [Test]
    public void RowsBecomeUnitVectorsAndZeroRowsStayZero()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 3f, 4f, 0f, 0f }).reshape(2, 2);
        Assert.That(L2Normalization.Normalize(x).data<float>().ToArray(), Is.EqualTo(new[] { 0.6f, 0.8f, 0f, 0f }).Within(1e-7f));
    }

    [TestCase(ScalarType.Float16)]
    [TestCase(ScalarType.BFloat16)]
    public void HalfPrecisionZeroRowStaysZeroWithoutNaN(ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 0f, 0f, 3f, 4f }).reshape(2, 2).to_type(dtype);
        var y = L2Normalization.Normalize(x);
        Assert.That(y.dtype, Is.EqualTo(dtype));
        Assert.That(y.to_type(ScalarType.Float32).data<float>().ToArray(), Is.EqualTo(new[] { 0f, 0f, 0.6f, 0.8f }).Within(4e-3f));
    }

    [Test]
    public void GradientAtAZeroRowIsFinite()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros(1, 3).requires_grad_(true);
        L2Normalization.Normalize(x).sum().backward();
        Assert.That(torch.isfinite(x.grad!).all().item<bool>(), Is.True);
    }
}
