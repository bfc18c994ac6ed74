using NUnit.Framework;
using Puma.Data;
using Puma.Features;
using Puma.Training;
using TorchSharp;

namespace Puma.Prompts.Tests;

/// <summary>
/// BR-19: native memory must not grow with the number of calls. The public inference API (<c>Embed</c>, results
/// materialised to <c>float[]</c>) and training (<c>FitAsync</c>) leave <c>torch.Tensor.TotalCount</c> at its
/// baseline, and the peak number of live tensors after 200 inference batches equals the peak after 20.
/// </summary>
[NonParallelizable]
public class PumaMemoryTests
{
    private static RgbImage[] Images(int seed, int count = 4)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var pixels = new byte[32 * 32 * 3];
            random.NextBytes(pixels);
            return new RgbImage(32, 32, pixels);
        }).ToArray();
    }

    [Test]
    public void InferenceLoopKeepsTheTensorCountAndPeakFlat()
    {
        using var model = TinyModels.Puma(seed: 3);
        var batches = Enumerable.Range(0, 4).Select(i => Images(10 + i)).ToArray();
        model.Embed(batches[0]); // first call: lazy initialisation, if any, is not a leak
        NativeTensors.Settle();
        long baseline = NativeTensors.Live;
        NativeTensors.ResetPeak();

        float[][] last = [];
        for (int i = 0; i < 20; i++) last = model.Embed(batches[i % batches.Length]);
        long after20 = NativeTensors.Live;
        long peak20 = NativeTensors.Peak;
        for (int i = 20; i < 200; i++) last = model.Embed(batches[i % batches.Length]);
        long after200 = NativeTensors.Live;
        long peak200 = NativeTensors.Peak;

        Assert.That(last, Has.Length.EqualTo(4));
        Assert.That(last[0], Has.Length.EqualTo(16));
        Assert.That(peak20, Is.GreaterThan(baseline), "a forward pass creates temporaries: the counter must see them");
        Assert.That(after20, Is.EqualTo(baseline), "tensors alive after 20 batches");
        Assert.That(after200, Is.EqualTo(baseline), "tensors alive after 200 batches");
        Assert.That(peak200, Is.EqualTo(peak20), "peak live tensors after 200 batches vs after 20");
    }

    [Test]
    public async Task TrainingStepsReturnToTheBaseline()
    {
        using var model = TinyModels.Puma(seed: 4);
        // 8 samples of patch tokens [4, 32] (ViT stem features), 4 classes: batch 4 → 2 steps per epoch.
        torch.manual_seed(0);
        using var data = new FeatureDataset(torch.randn(8, 4, 32), [0, 0, 1, 1, 2, 2, 3, 3], new int[8], ["tiny"], 4);
        var options = new TrainingOptions { Epochs = 1, BatchSize = 4, Seed = 1 };
        await model.FitAsync(data, options); // creates the loss and its proxies (they stay with the model)
        NativeTensors.Settle();
        long baseline = NativeTensors.Live;

        var report = await model.FitAsync(data, options with { Epochs = 25 });
        long after50 = NativeTensors.Live;

        Assert.That(report.Steps, Is.EqualTo(50));
        Assert.That(after50, Is.EqualTo(baseline), "tensors alive after 50 training steps");
        float[] embedding = model.Embed(Images(99, count: 1)[0]);
        Assert.That(NativeTensors.Live, Is.EqualTo(baseline), "tensors alive after training then inference");
        Assert.That(embedding.All(float.IsFinite), Is.True);
    }
}
