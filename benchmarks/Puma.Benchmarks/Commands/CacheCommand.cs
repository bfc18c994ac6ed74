using System.Diagnostics;
using Puma.Benchmarks.Infrastructure;
using Puma.Data;
using Puma.Data.Transforms;
using Puma.Features;
using Puma.Models;
using Puma.Training;
using SkiaSharp;
using TorchSharp;

namespace Puma.Benchmarks.Commands;

/// <summary>
/// What the frozen-stem cache buys: <c>cache [--model hybrid112|vit-s16] [--images 512] [--epochs 2] [--batch 64] [--threads N]</c>.
/// Writes a synthetic folder of PNGs at the model's input size, then trains the PUMA model (random weights, seed 0) the
/// same number of epochs twice: on cached stem outputs (the hybrid's ResNet-18 stage-3 maps, the ViT's patch
/// embeddings; extracted once, timed separately), and on the image files with no augmentation (decode + stem on every
/// batch). Prints the epoch times, their ratio, the ratio's ceiling (extraction + cached epoch) / cached epoch, and both
/// loss curves (which must agree).
/// </summary>
public static class CacheCommand
{
    /// <summary>Runs the command.</summary>
    public static int Run(CommandArgs args)
    {
        var kind = args.Model("hybrid112");
        int images = args.Integer("--images", 512), epochs = args.Integer("--epochs", 2), threads = args.Integer("--threads", Environment.ProcessorCount);
        int batch = args.Integer("--batch", 64);
        args.RejectUnknown();
        torch.set_num_threads(threads);
        string root = Directory.CreateTempSubdirectory("puma-cache-bench-").FullName;
        try
        {
            torch.manual_seed(0);
            using var cachedModel = PumaWorkload.CreateModel(kind);
            int size = (int)cachedModel.Backbone.Stem.ImageShape[^1];
            var data = UniversalDataset.Combine(WriteImages(root, images, classes: 16, size));
            var options = new TrainingOptions { Epochs = epochs, BatchSize = batch, Seed = 0 };
            Console.WriteLine($"load average before: {ProcessStats.LoadAverage()}; {kind}, {images} images of {size} px, {epochs} epochs, batch {batch}, {threads} threads");

            var clock = Stopwatch.StartNew();
            using var features = new FeatureExtractor(cachedModel.Backbone.Stem) { BatchSize = batch }.Extract(data);
            double extraction = clock.Elapsed.TotalSeconds;
            torch.manual_seed(0);
            var cached = cachedModel.FitAsync(features, options).GetAwaiter().GetResult();

            torch.manual_seed(0);
            using var streamedModel = PumaWorkload.CreateModel(kind);
            var noAugmentation = new ImagePipelineOptions { TrainTransform = new ResizeCenterCrop(size, size), Threads = 1 };
            torch.manual_seed(0);
            var streamed = streamedModel.FitAsync(data, options, images: noAugmentation).GetAwaiter().GetResult();

            double perEpochCached = cached.Seconds / epochs, perEpochStreamed = streamed.Seconds / epochs;
            Console.WriteLine("| path | one-time extraction s | s per epoch | epoch losses |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| cached stem maps | {extraction:F2} | {perEpochCached:F2} | {Losses(cached)} |");
            Console.WriteLine($"| images, stem every batch | – | {perEpochStreamed:F2} | {Losses(streamed)} |");
            double maxDiff = cached.EpochLosses.Zip(streamed.EpochLosses, (a, b) => Math.Abs(a - b)).Max();
            Console.WriteLine($"epoch speed-up of the cache: {perEpochStreamed / perEpochCached:F2}x (ceiling (extraction + cached epoch) / cached epoch: " +
                $"{(extraction + perEpochCached) / perEpochCached:F2}x); max |Δ loss| between the paths: {maxDiff:g3}");
            Console.WriteLine($"load average after: {ProcessStats.LoadAverage()}");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Losses(TrainingReport report) => string.Join(" ", report.EpochLosses.Select(l => l.ToString("F5", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Random coloured rectangles on white, <paramref name="size"/> px square, one colour family per class.</summary>
    private static ImageFolder WriteImages(string root, int count, int classes, int size)
    {
        var random = new Random(0);
        for (int i = 0; i < count; i++)
        {
            int label = i % classes;
            string folder = Path.Combine(root, $"c{label:D2}");
            Directory.CreateDirectory(folder);
            using var bitmap = new SKBitmap(size, size);
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(SKColors.White);
                using var paint = new SKPaint { Color = new SKColor((byte)(label * 15), (byte)(255 - label * 12), (byte)random.Next(256)) };
                float scale = size / 112f;
                canvas.DrawRect(scale * random.Next(0, 40), scale * random.Next(0, 40), scale * random.Next(30, 70), scale * random.Next(30, 70), paint);
            }
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            using var file = File.Create(Path.Combine(folder, $"{i:D4}.png"));
            png.SaveTo(file);
        }
        return ImageFolder.Load(root, "synthetic");
    }
}
