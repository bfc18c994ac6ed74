using NUnit.Framework;
using Puma.Backbones.ResNet;
using Puma.Onnx;

namespace Puma.Core.Tests.Backbones.ResNet;

public class CntkSamePaddingTests
{
    // Hand arithmetic: out = ceil(in/s); total = max((out-1)·s + k - in, 0); begin = ceil(total/2), end = floor(total/2).
    [TestCase(224, 7, 2, 3, 2, TestName = "Stem at 224: out 112, total 111*2+7-224 = 5")]
    [TestCase(112, 3, 2, 1, 0, TestName = "Max-pool at 224: out 56, total 55*2+3-112 = 1")]
    [TestCase(56, 3, 1, 1, 1, TestName = "3x3 stride 1: total 2")]
    [TestCase(56, 1, 2, 0, 0, TestName = "1x1 stride 2 on even: total 27*2+1-56 = -1 -> 0")]
    [TestCase(7, 3, 2, 1, 1, TestName = "3x3 stride 2 on odd 7: out 4, total 3*2+3-7 = 2")]
    [TestCase(7, 1, 2, 0, 0, TestName = "1x1 stride 2 on odd 7: total 3*2+1-7 = 0")]
    [TestCase(112, 7, 2, 3, 2, TestName = "Stem at 112: out 56, total 55*2+7-112 = 5")]
    [TestCase(1, 7, 2, 3, 3, TestName = "Single pixel: out 1, total 6")]
    public void MatchesHandArithmetic(int input, int kernel, int stride, int begin, int end) =>
        Assert.That(CntkSamePadding.Compute(input, kernel, stride), Is.EqualTo((begin, end)));

    [Test]
    public void RejectsNonPositiveSizes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CntkSamePadding.Compute(0, 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CntkSamePadding.Compute(8, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CntkSamePadding.Compute(8, 3, 0));
    }

    /// <summary>Walks the file's graph at its declared 224×224 input and compares every Conv/MaxPool's stored pads with the rule.</summary>
    [Test]
    public void ReproducesEveryPadOfTheFileAt224()
    {
        OnnxGraph graph = OnnxModel.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "models", "ResNet18.onnx")).Graph;
        var size = new Dictionary<string, int> { [graph.Inputs[0].Name] = 224 };
        int checkedNodes = 0;
        foreach (OnnxNode node in graph.Nodes)
        {
            int input = size[node.Inputs[0]];
            if (node.OpType is "Conv" or "MaxPool")
            {
                long[] kernel = [.. node.FindAttribute("kernel_shape")!.Ints];
                long[] strides = [.. node.FindAttribute("strides")!.Ints];
                long[] pads = [.. node.FindAttribute("pads")!.Ints];
                var (top, bottom) = CntkSamePadding.Compute(input, (int)kernel[0], (int)strides[0]);
                var (left, right) = CntkSamePadding.Compute(input, (int)kernel[1], (int)strides[1]);
                Assert.That(pads, Is.EqualTo(new long[] { top, left, bottom, right }), $"{node.OpType} {node.Outputs[0]} at {input}");
                int output = (int)((input + top + bottom - kernel[0]) / strides[0]) + 1;
                Assert.That(output, Is.EqualTo(CntkSamePadding.OutputSize(input, (int)strides[0])));
                size[node.Outputs[0]] = output;
                checkedNodes++;
            }
            else
            {
                size[node.Outputs[0]] = input;
            }
        }

        Assert.That(checkedNodes, Is.EqualTo(23), "22 convolutions and 1 max-pool");
        Assert.That(size[graph.Outputs[0].Name], Is.EqualTo(7), "the average pool sees 7x7 (its kernel is 7x7)");
    }
}
