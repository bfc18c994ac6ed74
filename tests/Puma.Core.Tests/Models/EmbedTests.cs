using NUnit.Framework;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Data;
using Puma.Models;
using Puma.Training;
using TorchSharp;

namespace Puma.Core.Tests.Models;

public class EmbedTests
{
    private static UniversalMetricModel TinyModel()
    {
        torch.manual_seed(7);
        return UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(new VitConfig(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 8, ImageSize: 16)))
            .WithEmbeddingDim(8)
            .Build();
    }

    private static RgbImage Noise(int seed, int size = 16)
    {
        var pixels = new byte[size * size * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(size, size, pixels);
    }

    [Test]
    public void EmbedEqualsForwardOnHandNormalisedPixels()
    {
        using var model = TinyModel();
        var image = Noise(1);
        // Hand-made input: HWC bytes → CHW, (v / 255 − 0.5) / 0.5.
        var chw = new float[3 * 16 * 16];
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 16; x++)
                for (int c = 0; c < 3; c++)
                    chw[(c * 256) + (y * 16) + x] = ((image.Pixels[(((y * 16) + x) * 3) + c] / 255f) - 0.5f) / 0.5f;
        using var scope = torch.NewDisposeScope();
        model.eval();
        float[] expected;
        using (torch.no_grad()) expected = model.forward(torch.tensor(chw, [1, 3, 16, 16])).data<float>().ToArray();

        float[] actual = model.Embed(image);

        Assert.That(actual, Has.Length.EqualTo(8));
        Assert.That(actual, Is.EqualTo(expected).Within(1e-6));
        Assert.That(Math.Sqrt(actual.Sum(v => (double)v * v)), Is.EqualTo(1.0).Within(1e-5));
    }

    [Test]
    public void EmbeddingsDoNotDependOnTheBatchAndResizeOtherSizes()
    {
        using var model = TinyModel();
        var images = new[] { Noise(1), Noise(2), Noise(3, size: 40) };
        float[][] batch = model.Embed(images);
        for (int i = 0; i < images.Length; i++)
            Assert.That(model.Embed(images[i]), Is.EqualTo(batch[i]).Within(1e-6), $"image {i}");
        Assert.That(batch[0], Is.Not.EqualTo(batch[1]));
    }

    [Test]
    public void ConcurrentCallsReturnTheSequentialResults()
    {
        using var model = TinyModel();
        var images = Enumerable.Range(0, 16).Select(i => Noise(100 + i)).ToArray();
        // Bit-equal under Determinism.Enforce on each calling thread (docs/determinism.md, "Concurrent calls").
        float[][] sequential;
        using (Determinism.Enforce()) sequential = images.Select(model.Embed).ToArray();
        var concurrent = new float[images.Length][];
        Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using (Determinism.Enforce()) concurrent[i] = model.Embed(images[i]);
        });
        for (int i = 0; i < images.Length; i++)
            Assert.That(concurrent[i], Is.EqualTo(sequential[i]), $"image {i}");
    }

    [Test]
    public void NullImagesAreNamed()
    {
        using var model = TinyModel();
        var error = Assert.Throws<ArgumentException>(() => model.Embed(new RgbImage[] { Noise(1), null! }))!;
        Assert.That(error.Message, Does.Contain("Image 1"));
    }
}
