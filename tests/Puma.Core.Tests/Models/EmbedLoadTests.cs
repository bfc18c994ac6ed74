using NUnit.Framework;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Data;
using Puma.Models;
using Puma.Training;
using TorchSharp;

namespace Puma.Core.Tests.Models;

/// <summary>
/// The short version of the soak (<c>Puma.Benchmarks soak</c>): 8 threads × 25 <c>Embed</c> calls equal the sequential
/// results bit for bit and leave the live tensor count where it was (no garbage collection in between, so a tensor left
/// to the finalizer would show).
/// </summary>
public class EmbedLoadTests
{
    [Test]
    public void EightThreadsOfRepeatedCallsMatchAndLeaveNoTensorBehind()
    {
        torch.manual_seed(7);
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(new VitConfig(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 8, ImageSize: 16)))
            .WithEmbeddingDim(8)
            .Build();
        var images = Enumerable.Range(0, 8).Select(Noise).ToArray();
        float[][] expected;
        using (Determinism.Enforce()) expected = images.Select(model.Embed).ToArray();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = torch.Tensor.TotalCount;
        int mismatches = 0;

        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            using var exact = Determinism.Enforce();
            for (int i = 0; i < 25; i++)
            {
                int index = (t + i) % images.Length;
                if (!model.Embed(images[index]).AsSpan().SequenceEqual(expected[index])) Interlocked.Increment(ref mismatches);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        bool finished = threads.All(t => t.Join(TimeSpan.FromMinutes(2)));

        Assert.That(finished, Is.True, "a thread did not finish (deadlock?)");
        Assert.That(mismatches, Is.EqualTo(0));
        Assert.That(torch.Tensor.TotalCount, Is.EqualTo(before), "tensors left alive by Embed");
    }

    private static RgbImage Noise(int seed)
    {
        var pixels = new byte[16 * 16 * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(16, 16, pixels);
    }
}
