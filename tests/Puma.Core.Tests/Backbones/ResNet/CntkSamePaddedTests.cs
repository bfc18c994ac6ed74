using NUnit.Framework;
using Puma.Backbones.ResNet;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Puma.Core.Tests.Backbones.ResNet;

/// <summary>Symmetric padding plus cropping must equal an explicit asymmetric pad (zeros for conv, -inf for max-pool).</summary>
public class CntkSamePaddedTests
{
    [TestCase(8, 3, 2)]
    [TestCase(7, 3, 2)]
    [TestCase(9, 7, 2)]
    [TestCase(6, 2, 1, TestName = "Even kernel, stride 1: symmetric padding yields one extra row/column to crop")]
    [TestCase(5, 4, 3)]
    [TestCase(10, 1, 2)]
    public void EqualsExplicitAsymmetricPadding(int size, int kernel, int stride)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(size * 100 + kernel * 10 + stride);
        Tensor input = torch.randn(2, 3, size, size + 1);
        Tensor weight = torch.randn(4, 3, kernel, kernel);
        var (top, bottom) = CntkSamePadding.Compute(size, kernel, stride);
        var (left, right) = CntkSamePadding.Compute(size + 1, kernel, stride);
        long[] strides = [stride, stride];

        Tensor expectedConv = F.conv2d(F.pad(input, [left, right, top, bottom]), weight, strides: strides);
        Tensor actualConv = CntkSamePadded.Apply(input, (kernel, kernel), (stride, stride), (x, p) => F.conv2d(x, weight, strides: strides, padding: p));
        Assert.That(actualConv.shape, Is.EqualTo(new long[] { 2, 4, CntkSamePadding.OutputSize(size, stride), CntkSamePadding.OutputSize(size + 1, stride) }));
        Assert.That((actualConv - expectedConv).abs().max().item<float>(), Is.LessThan(1e-5f));

        Tensor expectedPool = F.max_pool2d(F.pad(input, [left, right, top, bottom], value: double.NegativeInfinity), [kernel, kernel], strides);
        Tensor actualPool = CntkSamePadded.Apply(input, (kernel, kernel), (stride, stride), (x, p) => F.max_pool2d(x, [kernel, kernel], strides, p));
        Assert.That(torch.equal(actualPool, expectedPool).all().item<bool>(), "max-pool identical");
    }
}
