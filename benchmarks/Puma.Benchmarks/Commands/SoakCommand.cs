using System.Diagnostics;
using Puma.Adapters;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Benchmarks.Infrastructure;
using Puma.Data;
using Puma.Models;
using Puma.Prompts;
using Puma.Training;
using TorchSharp;

namespace Puma.Benchmarks.Commands;

/// <summary>
/// Load soak of <c>Embed</c> (issue 7, item 5): <c>soak [--threads 8] [--calls 1000] [--long 10000] [--images 32]
/// [--dim 192] [--depth 6] [--size 64]</c>. A PUMA model (ViT with stochastic adapters and a prompt pool, random init)
/// embeds <c>--images</c> noise images once sequentially; then <c>--threads</c> threads make <c>--calls</c> calls each and
/// every result must equal the sequential one bit for bit (each thread under <see cref="Determinism.Enforce"/>), within a
/// deadlock timeout; then <c>--long</c> more calls from the same threads, sampling RSS and the live tensor count every
/// tenth of the run. Prints the figures and the RSS growth of the long soak (target &lt; 5 %); exit code 1 on a mismatch,
/// a deadlock, a tensor leak or growth ≥ 5 %.
/// </summary>
public static class SoakCommand
{
    /// <summary>Runs the soak and prints its figures.</summary>
    public static int Run(CommandArgs args)
    {
        int threads = args.Integer("--threads", 8), calls = args.Integer("--calls", 1000), longCalls = args.Integer("--long", 10_000);
        int imageCount = args.Integer("--images", 32), dim = args.Integer("--dim", 192), depth = args.Integer("--depth", 6), size = args.Integer("--size", 64);
        args.RejectUnknown();
        torch.manual_seed(3);
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(new VitConfig(EmbedDim: dim, Depth: depth, NumHeads: Math.Max(1, dim / 64), PatchSize: 16, ImageSize: size)))
            .WithStochasticAdapters(a => a.BottleneckDim(Math.Max(8, dim / 3)))
            .WithPromptPool()
            .WithEmbeddingDim(128)
            .WithSeed(5)
            .Build();
        var images = Enumerable.Range(0, imageCount).Select(i => Noise(1000 + i, size)).ToArray();
        Console.WriteLine($"soak: {model.Description.Backbone}, adapters + prompt pool, {size} px; {threads} threads; torch intra-op threads {torch.get_num_threads()}");

        float[][] expected;
        using (Determinism.Enforce()) expected = images.Select(model.Embed).ToArray();
        Settle();
        long tensorsBefore = torch.Tensor.TotalCount;
        double rssBefore = ProcessStats.ResidentMiB();

        var clock = Stopwatch.StartNew();
        var (mismatches, finished) = Hammer(model, images, expected, threads, calls, samples: null, timeout: TimeSpan.FromMinutes(30));
        double seconds = clock.Elapsed.TotalSeconds;
        long tensorsAfter = torch.Tensor.TotalCount;
        double rssAfter = ProcessStats.ResidentMiB();
        Console.WriteLine($"| {threads} threads × {calls} calls | {(finished ? "finished" : "DEADLOCK (timeout)")} | mismatches {mismatches} of {threads * calls} | " +
                          $"tensors {tensorsBefore} → {tensorsAfter} | RSS {rssBefore:F1} → {rssAfter:F1} MiB | {seconds:F1} s ({threads * calls / seconds:F0} calls/s) |");
        if (!finished || mismatches > 0) return 1;

        var samples = new List<(long Calls, double Rss, long Tensors)>();
        clock.Restart();
        var (longMismatches, longFinished) = Hammer(model, images, expected, threads, Math.Max(1, longCalls / threads), samples, TimeSpan.FromMinutes(60));
        seconds = clock.Elapsed.TotalSeconds;
        double rssEnd = ProcessStats.ResidentMiB();
        long tensorsEnd = torch.Tensor.TotalCount;
        double growth = (rssEnd - rssAfter) / rssAfter * 100;
        Console.WriteLine($"long soak: {threads * Math.Max(1, longCalls / threads)} calls in {seconds:F1} s, {(longFinished ? "finished" : "DEADLOCK (timeout)")}, mismatches {longMismatches}");
        Console.WriteLine("| calls | RSS MiB | live tensors |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| 0 | {rssAfter:F1} | {tensorsAfter} |");
        foreach (var (n, rss, live) in samples) Console.WriteLine($"| {n} | {rss:F1} | {live} |");
        Console.WriteLine($"RSS growth over the long soak: {growth:+0.00;-0.00} % (target < 5 %); live tensors {tensorsAfter} → {tensorsEnd}; " +
                          $"peak RSS {ProcessStats.PeakResidentMiB():F1} MiB; load average {ProcessStats.LoadAverage()}");
        return longFinished && longMismatches == 0 && growth < 5 && tensorsEnd == tensorsBefore ? 0 : 1;
    }

    /// <summary>
    /// <paramref name="threads"/> threads × <paramref name="calls"/> <c>Embed</c> calls (thread t, call i embeds image
    /// (7t + i) mod N), each compared bit for bit with <paramref name="expected"/>. Samples RSS and tensors ten times when
    /// <paramref name="samples"/> is given. Returns the mismatch count and whether all threads finished within the timeout.
    /// </summary>
    private static (long Mismatches, bool Finished) Hammer(UniversalMetricModel model, RgbImage[] images, float[][] expected, int threads, int calls,
        List<(long, double, long)>? samples, TimeSpan timeout)
    {
        long mismatches = 0, done = 0;
        long step = Math.Max(1, (long)threads * calls / 10);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            using var exact = Determinism.Enforce();
            for (int i = 0; i < calls; i++)
            {
                int index = (7 * t + i) % images.Length;
                if (!model.Embed(images[index]).AsSpan().SequenceEqual(expected[index])) Interlocked.Increment(ref mismatches);
                long n = Interlocked.Increment(ref done);
                if (samples is not null && n % step == 0)
                    lock (samples) samples.Add((n, ProcessStats.ResidentMiB(), torch.Tensor.TotalCount));
            }
        }) { IsBackground = true, Name = $"soak-{t}" }).ToList();
        var deadline = Stopwatch.StartNew();
        foreach (var worker in workers) worker.Start();
        bool finished = workers.All(w => w.Join(timeout - deadline.Elapsed > TimeSpan.Zero ? timeout - deadline.Elapsed : TimeSpan.Zero));
        samples?.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return (Interlocked.Read(ref mismatches), finished);
    }

    private static RgbImage Noise(int seed, int size)
    {
        var pixels = new byte[size * size * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(size, size, pixels);
    }

    private static void Settle()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
