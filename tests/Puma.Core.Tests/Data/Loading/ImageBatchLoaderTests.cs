using NUnit.Framework;
using Puma.Data;
using Puma.Data.Loading;
using Puma.Data.Transforms;
using TorchSharp;

namespace Puma.Core.Tests.Data.Loading;

public class ImageBatchLoaderTests
{
    private string root = "";

    [SetUp]
    public void CreateFolder() => root = TestImages.NewTempFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(root, recursive: true);

    /// <summary>Identity on 8×8 images: shorter side 8, centre crop 8.</summary>
    private static readonly IImageTransform Identity = new ResizeCenterCrop(8, 8);

    [Test]
    public void BatchesHoldTheRequestedSamplesNormalisedInOrder()
    {
        var data = LoaderTestFolders.Create(root);
        var loader = new ImageBatchLoader(data, Identity, 8, new ImageBatchLoaderOptions { Threads = 3 });
        int[][] batches = [[5, 0, 23], [7, 7], [12]];

        using var scope = torch.NewDisposeScope();
        var result = loader.Load(batches).ToList();

        Assert.That(result.Select(b => b.Indices.ToArray()), Is.EqualTo(batches));
        for (int b = 0; b < batches.Length; b++)
        {
            Assert.That(result[b].Number, Is.EqualTo(b));
            Assert.That(result[b].Images.shape, Is.EqualTo(new long[] { batches[b].Length, 3, 8, 8 }));
            for (int i = 0; i < batches[b].Length; i++)
            {
                var sample = data.Samples[batches[b][i]];
                byte red = LoaderTestFolders.Red(sample.DatasetIndex, sample.LocalLabel, int.Parse(Path.GetFileNameWithoutExtension(sample.Path)));
                // (v / 255 − 0.5) / 0.5 for red, green 7 and blue 200, at a corner and in the middle.
                Assert.That(result[b].Images[i, 0, 0, 0].item<float>(), Is.EqualTo((red / 255f - 0.5f) / 0.5f).Within(1e-6));
                Assert.That(result[b].Images[i, 1, 4, 4].item<float>(), Is.EqualTo((7 / 255f - 0.5f) / 0.5f).Within(1e-6));
                Assert.That(result[b].Images[i, 2, 7, 3].item<float>(), Is.EqualTo((200 / 255f - 0.5f) / 0.5f).Within(1e-6));
                Assert.That(result[b].Labels[i], Is.EqualTo(sample.Label));
                Assert.That(result[b].DatasetIndices[i], Is.EqualTo(sample.DatasetIndex));
            }
        }
        foreach (var batch in result) batch.Dispose();
    }

    [Test]
    public void RawScalingKeepsByteValues()
    {
        var data = LoaderTestFolders.Create(root, datasets: 1, classes: 1, images: 2);
        var loader = new ImageBatchLoader(data, Identity, 8, new ImageBatchLoaderOptions { Normalization = null });
        using var batch = loader.LoadInOrder(8).Single();
        Assert.That(batch.Images[1, 0, 2, 2].item<float>(), Is.EqualTo(LoaderTestFolders.Red(0, 0, 1)));
        Assert.That(batch.Images[1, 2, 2, 2].item<float>(), Is.EqualTo(200f));
    }

    [Test]
    public void LoadInOrderCoversEverySampleOnceWithAShortLastBatch()
    {
        var data = LoaderTestFolders.Create(root);
        var loader = new ImageBatchLoader(data, Identity, 8);
        var indices = new List<int>();
        var sizes = new List<int>();
        foreach (var batch in loader.LoadInOrder(5))
        {
            using (batch)
            {
                indices.AddRange(batch.Indices);
                sizes.Add(batch.Count);
            }
        }
        Assert.That(indices, Is.EqualTo(Enumerable.Range(0, 24)));
        Assert.That(sizes, Is.EqualTo(new[] { 5, 5, 5, 5, 4 }));
    }

    [Test]
    public void AugmentedBatchesDoNotDependOnThreadsOrQueueLength()
    {
        var data = LoaderTestFolders.Create(root, size: 12, noise: true);
        var augment = PumaTransforms.Train(8);
        var batches = ImageBatchLoader.ShuffledBatches(data.Samples.Count, 6, dropLast: true, seed: 3, epoch: 1);
        float[][] Run(int threads, int prefetch, ulong seed)
        {
            var loader = new ImageBatchLoader(data, augment, 8, new ImageBatchLoaderOptions { Threads = threads, PrefetchBatches = prefetch, Seed = seed });
            var result = new List<float[]>();
            foreach (var batch in loader.Load(batches, epoch: 1))
                using (batch) result.Add(batch.Images.data<float>().ToArray());
            return result.ToArray();
        }

        var single = Run(1, 1, 5);
        Assert.That(Run(4, 3, 5), Is.EqualTo(single));
        var otherSeed = Run(2, 1, 6);
        Assert.That(otherSeed.Zip(single).Count(p => p.First.SequenceEqual(p.Second)), Is.EqualTo(0), "another seed augments every batch differently");
    }

    [Test]
    public void ShuffledBatchesArePermutationsThatChangeWithTheEpoch()
    {
        var epoch0 = ImageBatchLoader.ShuffledBatches(10, 3, dropLast: false, seed: 1, epoch: 0);
        Assert.That(epoch0.Select(b => b.Length), Is.EqualTo(new[] { 3, 3, 3, 1 }));
        Assert.That(epoch0.SelectMany(b => b).Order(), Is.EqualTo(Enumerable.Range(0, 10)));
        Assert.That(ImageBatchLoader.ShuffledBatches(10, 3, dropLast: false, seed: 1, epoch: 0), Is.EqualTo(epoch0));
        Assert.That(ImageBatchLoader.ShuffledBatches(10, 3, dropLast: false, seed: 1, epoch: 1).SelectMany(b => b),
            Is.Not.EqualTo(epoch0.SelectMany(b => b)));
        Assert.That(ImageBatchLoader.ShuffledBatches(10, 3, dropLast: true, seed: 1, epoch: 0).Count, Is.EqualTo(3));
    }

    [Test]
    public void AnUndecodableFileIsNamed()
    {
        var data = LoaderTestFolders.Create(root);
        string broken = data.Samples[9].Path;
        File.WriteAllBytes(broken, [1, 2, 3, 4, 5]);
        var loader = new ImageBatchLoader(data, Identity, 8, new ImageBatchLoaderOptions { Threads = 2 });

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var batch in loader.LoadInOrder(4)) batch.Dispose();
        })!;
        Assert.That(error.Message, Does.Contain(broken));
    }

    [Test]
    public void ATransformOfTheWrongSizeIsNamed()
    {
        var data = LoaderTestFolders.Create(root, datasets: 1, classes: 1, images: 1);
        var loader = new ImageBatchLoader(data, new ResizeCenterCrop(8, 6), 8);
        var error = Assert.Throws<InvalidDataException>(() => loader.LoadInOrder(1).Single().Dispose())!;
        Assert.That(error.Message, Does.Contain(data.Samples[0].Path).And.Contain("6x6"));
    }

    [Test]
    public void CancellationStopsTheEpoch()
    {
        var data = LoaderTestFolders.Create(root);
        var loader = new ImageBatchLoader(data, Identity, 8);
        using var cancellation = new CancellationTokenSource();
        int seen = 0;
        Assert.That(() =>
        {
            foreach (var batch in loader.LoadInOrder(4, cancellation.Token))
            {
                batch.Dispose();
                seen++;
                cancellation.Cancel();
            }
        }, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(seen, Is.EqualTo(1));
    }

    /// <summary>
    /// A transform that records how far ahead of the consumer the workers are: with 4 threads and a consumer that lingers
    /// on every batch, no image of batch b may be transformed before the consumer has received batch b − PrefetchBatches.
    /// Leaving the loop early must stop the workers (the enumerator's Dispose joins them).
    /// </summary>
    [Test]
    public void WorkersStayWithinThePrefetchWindowAndStopWhenTheConsumerLeaves()
    {
        var data = LoaderTestFolders.Create(root, datasets: 1, classes: 4, images: 6);
        var probe = new AheadProbe(batchSize: 2);
        var loader = new ImageBatchLoader(data, probe, 8, new ImageBatchLoaderOptions { Threads = 4, PrefetchBatches = 2 });
        foreach (var batch in loader.LoadInOrder(2))
        {
            batch.Dispose();
            Interlocked.Increment(ref probe.Received);
            Thread.Sleep(5);
            if (probe.Received == 6) break;
        }
        int callsAtExit = probe.Calls;
        Assert.That(probe.MaxAhead, Is.LessThanOrEqualTo(2));
        Assert.That(callsAtExit, Is.LessThanOrEqualTo((6 + 2) * 2));
        Thread.Sleep(20);
        Assert.That(probe.Calls, Is.EqualTo(callsAtExit), "no worker runs after the loop was left");
    }

    [Test]
    public void BadArgumentsAreNamed()
    {
        var data = LoaderTestFolders.Create(root, datasets: 1, classes: 1, images: 2);
        var loader = new ImageBatchLoader(data, Identity, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => loader.Load([[0, 2]]));
        Assert.Throws<ArgumentException>(() => loader.Load([[0], []]));
        Assert.Throws<ArgumentException>(() => new ImageBatchLoader(data, Identity, 8, new ImageBatchLoaderOptions { Threads = 0 }));
    }

    /// <summary>Identity transform that notes the batch of every image (its red value encodes class·10 + image).</summary>
    private sealed class AheadProbe(int batchSize) : IImageTransform
    {
        public int Received;
        public int Calls;
        private int maxAhead;

        public int MaxAhead => Volatile.Read(ref maxAhead);

        public RgbImage Apply(RgbImage image, AugmentationRandom random)
        {
            Interlocked.Increment(ref Calls);
            int red = image.Pixels[0];
            int sample = ((red / 10) * 6) + (red % 10);
            int ahead = (sample / batchSize) - Volatile.Read(ref Received);
            int seen;
            while (ahead > (seen = Volatile.Read(ref maxAhead)) && Interlocked.CompareExchange(ref maxAhead, ahead, seen) != seen) { }
            return image;
        }
    }
}
