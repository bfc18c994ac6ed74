using System.Globalization;
using System.Text.Json;
using Puma.Benchmarks.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Benchmarks.Commands;

/// <summary>
/// The dense products of a PUMA step, one shape at a time: <c>gemm [--threads 1] [--repeats 20] [--shapes M:K:N,...]</c>.
/// For each shape, times <c>linear(x[M×K], W[N×K])</c> (a layer's forward) and <c>g[M×N] · W</c> (its input gradient,
/// all a frozen layer's backward computes) and prints one <c>RESULT {json}</c> line per shape and product with the best
/// time and GFLOP/s. <c>scripts/compare_gemm.py</c> times the same products in PyTorch; <c>scripts/compare-gemm.sh</c>
/// runs both and prints the ratios.
/// </summary>
public static class GemmCommand
{
    /// <summary>The shapes of the two models' dense layers at the benchmark batches (rows = batch × tokens).</summary>
    public const string DefaultShapes =
        "3712:192:576,3712:192:192,3712:192:768,3712:768:192,1640:384:1152,1640:384:384,1640:384:1536,1640:1536:384";

    /// <summary>Runs the command.</summary>
    public static int Run(CommandArgs args)
    {
        int repeats = args.Integer("--repeats", 20);
        int threads = args.Integer("--threads", 1);
        var shapes = ParseShapes(args.Text("--shapes", DefaultShapes));
        args.RejectUnknown();
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        foreach (var (m, k, n) in shapes)
        {
            using var scope = torch.NewDisposeScope();
            var x = torch.randn(m, k);
            var w = torch.randn(n, k);
            var g = torch.randn(m, n);
            Print(m, k, n, "forward", StepTimer.Measure(() => nn.functional.linear(x, w).Dispose(), 2, repeats));
            Print(m, k, n, "input-grad", StepTimer.Measure(() => g.mm(w).Dispose(), 2, repeats));
        }
        return 0;
    }

    /// <summary>Parses <c>M:K:N</c> triples separated by commas.</summary>
    public static IReadOnlyList<(long M, long K, long N)> ParseShapes(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(shape =>
        {
            long[] sizes = shape.Split(':').Select(p => long.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v > 0 ? v : 0).ToArray();
            return sizes.Length == 3 && sizes.All(v => v > 0)
                ? (sizes[0], sizes[1], sizes[2])
                : throw new OptionException($"--shapes: '{shape}' is not M:K:N with positive integers.");
        }).ToArray();

    private static void Print(long m, long k, long n, string product, StepTimer timer)
    {
        var result = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["impl"] = "torchsharp",
            ["shape"] = $"{m}:{k}:{n}",
            ["product"] = product,
            ["best_s"] = timer.BestSeconds,
            ["gflops"] = 2.0 * m * k * n / timer.BestSeconds / 1e9,
            ["threads"] = torch.get_num_threads(),
            ["allocator"] = AllocatorChoice.Current,
        };
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
    }
}
