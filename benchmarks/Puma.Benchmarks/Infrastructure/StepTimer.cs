using System.Diagnostics;

namespace Puma.Benchmarks.Infrastructure;

/// <summary>Best, median and CPU/wall of repeated calls (after warm-up calls), for the comparison and peak commands.</summary>
/// <param name="BestSeconds">Fastest call.</param>
/// <param name="MedianSeconds">Median call.</param>
/// <param name="CpuPerWall">Process CPU time over wall time during the timed calls (≈ busy threads).</param>
public sealed record StepTimer(double BestSeconds, double MedianSeconds, double CpuPerWall)
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, then <paramref name="repeats"/> times timed.</summary>
    public static StepTimer Measure(Action action, int warmup, int repeats)
    {
        for (int i = 0; i < warmup; i++) action();
        var times = new double[repeats];
        var cpu = ProcessStats.CpuTime();
        var wall = Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalSeconds;
        }
        double cpuSeconds = (ProcessStats.CpuTime() - cpu).TotalSeconds;
        Array.Sort(times);
        return new StepTimer(times[0], times[repeats / 2], cpuSeconds / wall.Elapsed.TotalSeconds);
    }
}
