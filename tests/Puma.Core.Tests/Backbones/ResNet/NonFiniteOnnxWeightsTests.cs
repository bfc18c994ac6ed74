using NUnit.Framework;
using Puma.Backbones.ResNet;
using Puma.Onnx;

namespace Puma.Core.Tests.Backbones.ResNet;

/// <summary>A NaN or ∞ in an ONNX weight is refused by the initializer's name before any module is built.</summary>
public class NonFiniteOnnxWeightsTests
{
    [TestCase(float.NaN)]
    [TestCase(float.PositiveInfinity)]
    public void ANonFiniteConvWeightIsRefusedByName(float bad)
    {
        byte[] bytes = File.ReadAllBytes(ResNetFixture.ModelPath);
        OnnxGraph graph = OnnxModel.Parse(bytes).Graph;
        string weightName = graph.Nodes.First(n => n.OpType == "Conv").Inputs[1];
        OnnxTensor weight = graph.FindInitializer(weightName)!;
        // The first four values as stored (packed float_data): find them in the file and overwrite the first one.
        byte[] pattern = weight.ToFloatArray()[..4].SelectMany(BitConverter.GetBytes).ToArray();
        int at = bytes.AsSpan().IndexOf(pattern);
        Assert.That(at, Is.GreaterThan(0), "the weight's bytes are found in the file");
        BitConverter.GetBytes(bad).CopyTo(bytes, at);
        string path = Path.Combine(Path.GetTempPath(), $"puma-nan-resnet-{Guid.NewGuid():N}.onnx");
        try
        {
            File.WriteAllBytes(path, bytes);
            var error = Assert.Throws<InvalidDataException>(() => CntkResNet18.FromOnnx(path))!;
            Assert.That(error.Message, Does.Contain(path).And.Contain($"'{weightName}'").And.Contain("non-finite").And.Contain("flat index 0"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
