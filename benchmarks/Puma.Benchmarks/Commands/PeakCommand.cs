using Puma.Benchmarks.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Benchmarks.Commands;

/// <summary>
/// Distance to the limit: <c>peak [--threads 1,2] [--size 4096] [--repeats 3] [--machine-peak G1,G2]</c>. Measures
/// LibTorch's fp32 GEMM throughput (an n×n by n×n matmul, 2n³ FLOPs, best of the repeats) and the FLOP rate a PUMA
/// training step and an eval batch reach (FLOPs counted by <see cref="TrainingStepFlops"/>), and prints each as a
/// fraction of the GEMM peak at the same thread count. <c>--machine-peak</c> gives, per thread count, a faster GEMM
/// measured elsewhere (GFLOP/s; e.g. OpenBLAS's through <c>scripts/compare-gemm.sh</c> with <c>SHAPES=4096:4096:4096</c>):
/// the last column is then the fraction of the larger of the two.
/// </summary>
public static class PeakCommand
{
    private static readonly WorkloadCase[] Cases = [new(WorkloadKind.Hybrid112, 64), new(WorkloadKind.Hybrid112, 256), new(WorkloadKind.VitS16, 8)];

    /// <summary>Runs the command.</summary>
    public static int Run(CommandArgs args)
    {
        int size = args.Integer("--size", 4096);
        int repeats = args.Integer("--repeats", 3);
        int[] threadCounts = args.Integers("--threads", 1, 2);
        double[] machinePeaks = MachinePeaks(args.Text("--machine-peak", ""), threadCounts.Length);
        args.RejectUnknown();
        Console.WriteLine($"load average before: {ProcessStats.LoadAverage()}");
        Console.WriteLine("| threads | workload | GFLOP per call | best s | best CPU s | CPU/wall | GFLOP/s (wall) | fraction of LibTorch's GEMM peak (wall) | fraction (CPU time) | fraction of the machine peak (wall) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        for (int t = 0; t < threadCounts.Length; t++)
        {
            int threads = threadCounts[t];
            torch.set_num_threads(threads);
            double gemmFlops = 2.0 * size * size * size;
            var gemm = MeasureGemm(size, repeats);
            var peak = (Wall: gemmFlops / gemm.BestSeconds, Cpu: gemmFlops / gemm.BestCpuSeconds,
                        Machine: Math.Max(gemmFlops / gemm.BestSeconds, machinePeaks[t] * 1e9));
            Row(threads, $"GEMM {size}² fp32", gemmFlops, gemm, peak);
            foreach (var c in Cases)
            {
                using var workload = PumaWorkload.Create(c.Kind, c.Batch, torch.CPU);
                var flops = workload.Flops();
                Row(threads, $"{c} train step", flops.Training, StepTimer.Measure(() => workload.TrainStep(), 1, repeats), peak);
                Row(threads, $"{c} eval batch", flops.Inference, StepTimer.Measure(() => workload.Embed(), 1, repeats), peak);
            }
        }
        Console.WriteLine($"load average after: {ProcessStats.LoadAverage()}");
        return 0;
    }

    private static StepTimer MeasureGemm(int size, int repeats)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(0);
        var a = torch.randn(size, size);
        var b = torch.randn(size, size);
        return StepTimer.Measure(() =>
        {
            using var product = a.matmul(b);
        }, 1, repeats);
    }

    /// <summary>One table row; the CPU-time fraction compares FLOPs per CPU-second with the GEMM's (same threads).</summary>
    private static void Row(int threads, string name, double flops, StepTimer timer, (double Wall, double Cpu, double Machine) peak)
    {
        double rate = flops / timer.BestSeconds, cpuRate = flops / timer.BestCpuSeconds;
        Console.WriteLine($"| {threads} | {name} | {flops / 1e9:F1} | {timer.BestSeconds:F3} | {timer.BestCpuSeconds:F3} | {timer.CpuPerWall:F2} | " +
                          $"{rate / 1e9:F1} | {rate / peak.Wall:P0} | {cpuRate / peak.Cpu:P0} | {rate / peak.Machine:P0} |");
    }

    /// <summary>The <c>--machine-peak</c> values, one per thread count (0 when not given).</summary>
    private static double[] MachinePeaks(string text, int count)
    {
        if (text.Length == 0) return new double[count];
        var values = text.Split(',').Select(v =>
            double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double g) && g > 0
                ? g
                : throw new OptionException($"--machine-peak must list positive GFLOP/s values (got '{text}').")).ToArray();
        return values.Length == count ? values : throw new OptionException($"--machine-peak needs one value per --threads entry ({count}), got {values.Length}.");
    }
}
