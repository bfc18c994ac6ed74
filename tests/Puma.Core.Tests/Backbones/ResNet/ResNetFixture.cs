using NUnit.Framework;
using Puma.Backbones.ResNet;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Backbones.ResNet;

/// <summary>Paths of the ML.NET ResNet-18 files copied to the test output, one shared network, and input patterns.</summary>
internal static class ResNetFixture
{
    private static readonly Lazy<CntkResNet18> Shared = new(() => CntkResNet18.FromOnnx(ModelPath));

    public static string ModelPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "models", "ResNet18.onnx");

    public static string PreprocessPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "models", "ResNetPreprocess.onnx");

    /// <summary>The network loaded once (with the mean image found next to the model).</summary>
    public static CntkResNet18 Network => Shared.Value;

    /// <summary>x[b, c, h, w] = (97 b + 57 c + 13 h + 7 w) mod 256, the pattern the Python reference used.</summary>
    public static Tensor Pattern(int batch, int height, int width)
    {
        var values = new float[batch * 3 * height * width];
        int i = 0;
        for (int b = 0; b < batch; b++)
        {
            for (int c = 0; c < 3; c++)
            {
                for (int h = 0; h < height; h++)
                {
                    for (int w = 0; w < width; w++)
                    {
                        values[i++] = ((97 * b) + (57 * c) + (13 * h) + (7 * w)) % 256;
                    }
                }
            }
        }

        return torch.tensor(values, [batch, 3, height, width]);
    }

    /// <summary>Uniform random pixel values in [0, 255] from a seeded generator.</summary>
    public static float[] RandomPixels(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(random.NextDouble() * 255.0);
        }

        return values;
    }
}
