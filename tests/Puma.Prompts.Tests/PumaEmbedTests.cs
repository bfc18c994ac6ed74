using NUnit.Framework;
using Puma.Data;
using Puma.Training;
using TorchSharp;

namespace Puma.Prompts.Tests;

/// <summary>
/// Inference of a whole PUMA model (stochastic adapters + prompt pool) through the public <c>Embed</c> API: eval mode
/// switches DropPath off and the pool's query is per image, so an embedding is deterministic, does not depend on the
/// rest of the batch or on a previous training-mode call, and concurrent calls give the sequential results.
/// (Puma.Core.Tests/Models/EmbedTests covers the same API on a plain backbone.)
/// </summary>
public class PumaEmbedTests
{
    private static RgbImage Noise(int seed)
    {
        var pixels = new byte[32 * 32 * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(32, 32, pixels);
    }

    [Test]
    public void EmbeddingsDoNotDependOnTheRestOfTheBatch()
    {
        using var model = TinyModels.Puma(seed: 5);
        MakeAdaptersActive(model);
        var images = Enumerable.Range(0, 6).Select(i => Noise(200 + i)).ToArray();
        float[][] together = model.Embed(images);
        float[][] reversed = model.Embed(images.Reverse().ToArray());
        float[][] withOthers = model.Embed([Noise(900), images[2], Noise(901), Noise(902)]);
        for (int i = 0; i < images.Length; i++)
        {
            float[] alone = model.Embed(images[i]);
            Assert.That(together[i], Is.EqualTo(alone).Within(1e-6), $"image {i} in the batch vs alone");
            Assert.That(reversed[images.Length - 1 - i], Is.EqualTo(alone).Within(1e-6), $"image {i} in the reversed batch");
        }
        Assert.That(withOthers[1], Is.EqualTo(together[2]).Within(1e-6), "image 2 among other images");
        Assert.That(together[0], Is.Not.EqualTo(together[1]).Within(1e-3), "different images, different embeddings");
    }

    [Test]
    public void EmbedIsDeterministicEvenAfterTrainingMode()
    {
        using var model = TinyModels.Puma(seed: 6);
        MakeAdaptersActive(model);
        var image = Noise(300);
        float[] first = model.Embed(image);
        model.train();
        using (var scope = torch.NewDisposeScope())
        using (torch.no_grad())
        {
            // Sensitivity: in training mode DropPath drops or doubles (1 / (1 − p)) each branch, so the output moves.
            var trainMode = model.forward(model.Backbone.Stem.Preprocess([image])).data<float>().ToArray();
            Assert.That(trainMode, Is.Not.EqualTo(first).Within(1e-4));
        }
        float[] second = model.Embed(image);
        float[] third = model.Embed(image);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(third, Is.EqualTo(first));
    }

    /// <summary>
    /// Bit-equal under <see cref="Determinism.Enforce"/> on every calling thread. Without it, LibTorch's BLAS may give a
    /// call fewer threads while others run (it adapts to the load), which changes the summation order by an ulp or so:
    /// a run on a loaded machine differed by 1.5e-8 (docs/determinism.md).
    /// </summary>
    [Test]
    public void ConcurrentCallsOfMixedBatchesReturnTheSequentialResults()
    {
        using var model = TinyModels.Puma(seed: 7);
        MakeAdaptersActive(model);
        var batches = Enumerable.Range(0, 24).Select(b => Enumerable.Range(0, 1 + (b % 4)).Select(i => Noise(1000 + (10 * b) + i)).ToArray()).ToArray();
        float[][][] sequential;
        using (Determinism.Enforce()) sequential = batches.Select(b => model.Embed(b)).ToArray();
        var concurrent = new float[batches.Length][][];
        Parallel.For(0, batches.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, b =>
        {
            using (Determinism.Enforce()) concurrent[b] = model.Embed(batches[b]);
        });
        for (int b = 0; b < batches.Length; b++)
        {
            Assert.That(concurrent[b], Has.Length.EqualTo(batches[b].Length));
            for (int i = 0; i < batches[b].Length; i++)
                Assert.That(concurrent[b][i], Is.EqualTo(sequential[b][i]), $"batch {b} image {i}");
        }
    }

    /// <summary>Up-projections start at zero (the adapters are then a no-op); give them values so DropPath would matter.</summary>
    private static void MakeAdaptersActive(Puma.Models.UniversalMetricModel model)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in model.TrainableParameters())
            if (name.EndsWith(".up.weight", StringComparison.Ordinal)) parameter.normal_(0, 0.5);
    }
}
