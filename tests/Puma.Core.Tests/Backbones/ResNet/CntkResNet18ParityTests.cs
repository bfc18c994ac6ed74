using Microsoft.ML.OnnxRuntime;
using NUnit.Framework;
using Puma.Backbones.ResNet;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Backbones.ResNet;

/// <summary>Compares the TorchSharp rebuild with ONNX Runtime (224 px) and with a Python/PyTorch executor (other sizes).</summary>
public class CntkResNet18ParityTests
{
    [Test]
    public void PooledOutputMatchesOnnxRuntimeAt224()
    {
        const int batch = 2, pixels = 3 * 224 * 224;
        float[] images = ResNetFixture.RandomPixels(batch * pixels, seed: 42);

        using var preprocess = new InferenceSession(ResNetFixture.PreprocessPath);
        using var network = new InferenceSession(ResNetFixture.ModelPath);
        // The two graphs chain: OriginalInput -> PreprocessedInput, which is fed to Input247.
        Assert.That(preprocess.InputMetadata.Keys.Single(), Is.EqualTo("OriginalInput"));
        Assert.That(preprocess.OutputMetadata.Keys.Single(), Is.EqualTo("PreprocessedInput"));
        Assert.That(network.InputMetadata.Keys.Single(), Is.EqualTo("Input247"));
        Assert.That(network.OutputMetadata.Keys.Single(), Is.EqualTo("Pooling395_Output_0"));

        var expected = new float[batch][];
        using var options = new RunOptions();
        for (int b = 0; b < batch; b++)
        {
            using var input = OrtValue.CreateTensorValueFromMemory(images[(b * pixels)..((b + 1) * pixels)], [1, 3, 224, 224]);
            using var prepared = preprocess.Run(options, ["OriginalInput"], [input], ["PreprocessedInput"]);
            using var pooled = network.Run(options, ["Input247"], [prepared[0]], ["Pooling395_Output_0"]);
            expected[b] = pooled[0].GetTensorDataAsSpan<float>().ToArray();
        }

        using var scope = torch.NewDisposeScope();
        Tensor actual = ResNetFixture.Network.forward(torch.tensor(images, [batch, 3, 224, 224]), ResNetOutput.Pooled);
        Assert.That(actual.shape, Is.EqualTo(new long[] { batch, 512 }));
        float[] values = actual.data<float>().ToArray();
        double maxDiff = 0, maxAbs = 0;
        for (int b = 0; b < batch; b++)
        {
            Assert.That(expected[b], Has.Length.EqualTo(512));
            for (int i = 0; i < 512; i++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(values[(b * 512) + i] - expected[b][i]));
                maxAbs = Math.Max(maxAbs, Math.Abs(expected[b][i]));
            }
        }

        TestContext.Out.WriteLine($"max |TorchSharp - ONNX Runtime| = {maxDiff:E2} (max |value| {maxAbs:F2})");
        Assert.That(maxAbs, Is.GreaterThan(1.0), "non-trivial features");
        Assert.That(maxDiff, Is.LessThanOrEqualTo(1e-4));
    }

    // Expected values: scripts/resnet18_reference.py (float64 PyTorch executor of the ONNX graph; pads recomputed per layer with
    // the CNTK rule, mean image resized by adaptive average pooling) on ResNetFixture.Pattern.
    [TestCase(112, 112, 10357.223056760593, new[] { 6.091117610126645, 1.9365725112312038, 0.0, 3.240620343199584 },
        new[] { 0.0, 2.523029633796142, 0.01044020390672648, 0.0, 0.5181990285937534, 0.0 }, 475.23449461596005)]
    [TestCase(100, 130, 12519.324508699137, new[] { 6.084608306886863, 1.9339631891148872, 0.0, 3.240361474165808 },
        new[] { 0.0, 0.6307588527449666, 0.05531349660874653, 0.04632667061850401, 0.9074086037400999, 0.0 }, 589.9140334861517)]
    public void MatchesThePythonReferenceAtOtherSizes(
        int height, int width, double stage3Sum, double[] stage3Corner, double[] pooledHead, double pooledSum)
    {
        using var scope = torch.NewDisposeScope();
        Tensor images = ResNetFixture.Pattern(1, height, width);
        Tensor stage3 = ResNetFixture.Network.forward(images, ResNetOutput.Stage3);
        Tensor pooled = ResNetFixture.Network.forward(images, ResNetOutput.Pooled);

        Assert.That(stage3.sum().item<float>(), Is.EqualTo(stage3Sum).Within(1e-5 * stage3Sum));
        float[] corner = stage3[0, TensorIndex.Slice(0, 4), 0, 0].data<float>().ToArray();
        Assert.That(corner, Is.EqualTo(stage3Corner).Within(1e-4));
        Assert.That(pooled[0, TensorIndex.Slice(0, 6)].data<float>().ToArray(), Is.EqualTo(pooledHead).Within(1e-4));
        Assert.That(pooled.sum().item<float>(), Is.EqualTo(pooledSum).Within(1e-5 * pooledSum));
    }

    /// <summary>Stage 4 + global mean on a stage-3 map reproduces the Python reference's pooled values at 112 px.</summary>
    [Test]
    public void PooledFromStage3MatchesThePythonReferenceAt112()
    {
        using var scope = torch.NewDisposeScope();
        Tensor stage3 = ResNetFixture.Network.forward(ResNetFixture.Pattern(1, 112, 112), ResNetOutput.Stage3);
        Tensor pooled = ResNetFixture.Network.PooledFromStage3(stage3.to(ScalarType.Float16));

        Assert.That(pooled.shape, Is.EqualTo(new long[] { 1, 512 }));
        Assert.That(pooled.sum().item<float>(), Is.EqualTo(475.23449461596005).Within(2e-3 * 475.23), "fp16-rounded input, as in the feature cache");
        Assert.That(ResNetFixture.Network.PooledFromStage3(stage3).sum().item<float>(), Is.EqualTo(475.23449461596005).Within(1e-5 * 475.23));
        Assert.Throws<ArgumentException>(() => ResNetFixture.Network.PooledFromStage3(torch.zeros(1, 512, 4, 4)));
    }
}
