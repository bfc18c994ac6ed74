using System.Runtime.ExceptionServices;
using Puma.Data.Transforms;
using TorchSharp;

namespace Puma.Data.Loading;

/// <summary>
/// Streams batches of decoded, transformed images of a <see cref="UniversalDataset"/> as tensors. A small pool of
/// background threads decodes and transforms the images of the coming batches while the caller works on the current one;
/// at most <see cref="ImageBatchLoaderOptions.PrefetchBatches"/> batches are held ahead (bounded memory). Batches come
/// out in the order given; every image's random augmentation is drawn from its own stream derived from
/// (seed, epoch, position), so the output does not depend on thread timing. A file that fails to decode stops the
/// epoch with an exception naming it. Tensors are built on the caller's thread (inside the caller's dispose scope).
/// </summary>
public sealed class ImageBatchLoader
{
    private readonly IImageTransform transform;
    private readonly int imageSize;
    private readonly ImageBatchLoaderOptions options;

    /// <summary>Creates the loader.</summary>
    /// <param name="data">The samples.</param>
    /// <param name="transform">Applied to every decoded image; must produce <paramref name="imageSize"/>-sided squares.</param>
    /// <param name="imageSize">Side of the output images.</param>
    /// <param name="options">Threads, queue bound, decoding, scaling and seed; defaults when null.</param>
    public ImageBatchLoader(UniversalDataset data, IImageTransform transform, int imageSize, ImageBatchLoaderOptions? options = null)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        this.transform = transform ?? throw new ArgumentNullException(nameof(transform));
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSize, 1);
        this.imageSize = imageSize;
        this.options = options ?? new ImageBatchLoaderOptions();
        this.options.Validate();
        if (data.Samples.Count == 0) throw new ArgumentException("The dataset has no samples.", nameof(data));
    }

    /// <summary>The samples.</summary>
    public UniversalDataset Data { get; }

    /// <summary>
    /// The shuffled batches of one epoch: a SplitMix64 Fisher–Yates permutation of 0..count−1 seeded by
    /// (<paramref name="seed"/>, <paramref name="epoch"/>), cut into consecutive batches (the short last one dropped
    /// when <paramref name="dropLast"/>).
    /// </summary>
    public static IReadOnlyList<int[]> ShuffledBatches(int count, int batchSize, bool dropLast, ulong seed, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var order = Enumerable.Range(0, count).ToArray();
        new SplitMix64(new SplitMix64(seed ^ ((ulong)(uint)epoch << 32)).Next()).Shuffle(order);
        return Cut(order, batchSize, dropLast);
    }

    /// <summary>Every sample once, in dataset order, in consecutive batches (the last may be short): for evaluation.</summary>
    public IEnumerable<ImageBatch> LoadInOrder(int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return Load(Cut(Enumerable.Range(0, Data.Samples.Count).ToArray(), batchSize, dropLast: false), 0, cancellationToken);
    }

    /// <summary>Streams the given batches of sample indices, in that order.</summary>
    /// <param name="batches">Index batches (each non-empty, indices into <see cref="UniversalDataset.Samples"/>; repeats allowed).</param>
    /// <param name="epoch">Epoch number (selects the augmentation streams).</param>
    /// <param name="cancellationToken">Stops the workers and throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="InvalidDataException">An image could not be loaded; the message names its file.</exception>
    public IEnumerable<ImageBatch> Load(IReadOnlyList<int[]> batches, int epoch = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        for (int b = 0; b < batches.Count; b++)
        {
            if (batches[b] is null || batches[b].Length == 0) throw new ArgumentException($"Batch {b} is empty.", nameof(batches));
            foreach (int index in batches[b])
                if (index < 0 || index >= Data.Samples.Count)
                    throw new ArgumentOutOfRangeException(nameof(batches), index, $"Batch {b} holds index {index}, outside [0, {Data.Samples.Count}).");
        }
        return Stream(batches.Select(b => b.ToArray()).ToArray(), epoch, cancellationToken);
    }

    private IEnumerable<ImageBatch> Stream(int[][] batches, int epoch, CancellationToken cancellationToken)
    {
        if (batches.Length == 0) yield break;
        var run = new LoaderRun(this, batches, epoch, cancellationToken);
        try
        {
            run.Start();
            for (int b = 0; b < batches.Length; b++)
            {
                // Built in a plain method: a dispose scope must never stay open across a yield.
                yield return ToBatch(b, batches[b], run.Take(b));
            }
        }
        finally
        {
            run.Stop();
        }
    }

    private ImageBatch ToBatch(int number, int[] indices, RgbImage[] images)
    {
        using var scope = torch.NewDisposeScope();
        var tensor = options.Normalization is { } norm ? ImageTensors.ToNormalizedTensor(images, norm) : ImageTensors.ToTensor(images);
        return new ImageBatch(number, tensor.MoveToOuterDisposeScope(), indices,
            indices.Select(i => Data.Samples[i].Label).ToArray(), indices.Select(i => Data.Samples[i].DatasetIndex).ToArray());
    }

    private RgbImage LoadOne(int index, int epoch, long position)
    {
        var sample = Data.Samples[index];
        try
        {
            var decoded = ImageDecoder.Decode(sample.Path, options.Decode);
            var image = transform.Apply(decoded, AugmentationRandom.ForSample(options.Seed, epoch, position));
            if (image.Width != imageSize || image.Height != imageSize)
                throw new InvalidDataException($"the transform produced {image.Width}x{image.Height}, expected {imageSize}x{imageSize}");
            return image;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            string message = e.Message.Contains(sample.Path, StringComparison.Ordinal) ? e.Message : $"'{sample.Path}': {e.Message}";
            throw new InvalidDataException($"Cannot load sample {index} of dataset '{Data.DatasetNames[sample.DatasetIndex]}': {message}", e);
        }
    }

    /// <summary>The shared state of one streamed pass: workers claim images in order, within a window of batches.</summary>
    private sealed class LoaderRun(ImageBatchLoader loader, int[][] batches, int epoch, CancellationToken cancellationToken)
    {
        private readonly object gate = new();
        private readonly RgbImage?[]?[] results = new RgbImage?[]?[batches.Length];
        private readonly int[] remaining = batches.Select(b => b.Length).ToArray();
        private readonly long[] firstPosition = Positions(batches);
        private readonly List<Thread> workers = [];
        private CancellationTokenRegistration registration;
        private int claimBatch, claimSlot, consumed;
        private bool stopped;
        private Exception? error;

        public void Start()
        {
            registration = cancellationToken.Register(Wake);
            int total = batches.Sum(b => b.Length);
            int count = Math.Min(loader.options.Threads, total);
            for (int t = 0; t < count; t++)
            {
                var thread = new Thread(Work) { IsBackground = true, Name = $"puma-loader-{t}" };
                workers.Add(thread);
                thread.Start();
            }
        }

        /// <summary>Waits until batch <paramref name="b"/> is complete and hands its images over.</summary>
        public RgbImage[] Take(int b)
        {
            lock (gate)
            {
                while (remaining[b] > 0 && error is null && !cancellationToken.IsCancellationRequested) Monitor.Wait(gate);
                cancellationToken.ThrowIfCancellationRequested();
                if (remaining[b] > 0) ExceptionDispatchInfo.Capture(error!).Throw();
                var images = Array.ConvertAll(results[b]!, image => image!);
                results[b] = null;
                consumed = b + 1;
                Monitor.PulseAll(gate);
                return images;
            }
        }

        public void Stop()
        {
            lock (gate)
            {
                stopped = true;
                Monitor.PulseAll(gate);
            }
            foreach (var thread in workers) thread.Join();
            registration.Dispose();
        }

        private void Wake()
        {
            lock (gate) Monitor.PulseAll(gate);
        }

        private void Work()
        {
            while (true)
            {
                int b, s;
                lock (gate)
                {
                    while (!Halted && claimBatch < batches.Length && claimBatch >= consumed + loader.options.PrefetchBatches) Monitor.Wait(gate);
                    if (Halted || claimBatch >= batches.Length) return;
                    (b, s) = (claimBatch, claimSlot);
                    results[b] ??= new RgbImage?[batches[b].Length];
                    if (++claimSlot == batches[b].Length) (claimBatch, claimSlot) = (claimBatch + 1, 0);
                }
                RgbImage image;
                try
                {
                    image = loader.LoadOne(batches[b][s], epoch, firstPosition[b] + s);
                }
                catch (Exception e)
                {
                    lock (gate)
                    {
                        error ??= e;
                        Monitor.PulseAll(gate);
                    }
                    return;
                }
                lock (gate)
                {
                    results[b]![s] = image;
                    if (--remaining[b] == 0) Monitor.PulseAll(gate);
                }
            }
        }

        private bool Halted => stopped || error is not null || cancellationToken.IsCancellationRequested;

        private static long[] Positions(int[][] batches)
        {
            var first = new long[batches.Length];
            for (int b = 1; b < batches.Length; b++) first[b] = first[b - 1] + batches[b - 1].Length;
            return first;
        }
    }

    private static IReadOnlyList<int[]> Cut(int[] order, int batchSize, bool dropLast)
    {
        var result = new List<int[]>();
        for (int start = 0; start < order.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, order.Length - start);
            if (count < batchSize && dropLast) break;
            result.Add(order.AsSpan(start, count).ToArray());
        }
        return result;
    }
}
