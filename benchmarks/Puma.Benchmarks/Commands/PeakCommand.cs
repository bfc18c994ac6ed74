using Puma.Benchmarks.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Benchmarks.Commands;

/// <summary>
/// Distance to the limit: <c>peak [--threads 1,2] [--size 4096] [--repeats 3]</c>. Measures the machine's fp32 GEMM
/// throughput (an n×n by n×n matmul, 2n³ FLOPs, best of the repeats) and the FLOP rate a PUMA training step and an
/// eval batch reach (FLOPs counted by <see cref="TrainingStepFlops"/>), and prints each as a fraction of the GEMM peak
/// at the same thread count.
/// </summary>
public static class PeakCommand
{
    private static readonly WorkloadCase[] Cases = [new(WorkloadKind.Hybrid112, 256), new(WorkloadKind.VitS16, 8)];

    /// <summary>Runs the command.</summary>
    public static int Run(CommandArgs args)
    {
        int size = args.Integer("--size", 4096);
        int repeats = args.Integer("--repeats", 3);
        Console.WriteLine($"load average before: {ProcessStats.LoadAverage()}");
        Console.WriteLine("| threads | workload | GFLOP per call | best s | best CPU s | CPU/wall | GFLOP/s (wall) | fraction of GEMM peak (wall) | fraction (CPU time) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (int threads in args.Integers("--threads", 1, 2))
        {
            torch.set_num_threads(threads);
            double gemmFlops = 2.0 * size * size * size;
            var gemm = MeasureGemm(size, repeats);
            var peak = (Wall: gemmFlops / gemm.BestSeconds, Cpu: gemmFlops / gemm.BestCpuSeconds);
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
    private static void Row(int threads, string name, double flops, StepTimer timer, (double Wall, double Cpu) peak)
    {
        double rate = flops / timer.BestSeconds, cpuRate = flops / timer.BestCpuSeconds;
        Console.WriteLine($"| {threads} | {name} | {flops / 1e9:F1} | {timer.BestSeconds:F3} | {timer.BestCpuSeconds:F3} | {timer.CpuPerWall:F2} | " +
                          $"{rate / 1e9:F1} | {rate / peak.Wall:P0} | {cpuRate / peak.Cpu:P0} |");
    }
}
