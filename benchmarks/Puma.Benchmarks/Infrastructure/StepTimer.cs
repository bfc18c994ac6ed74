using System.Diagnostics;

namespace Puma.Benchmarks.Infrastructure;

/// <summary>
/// Best and median wall time, best process CPU time and CPU/wall of repeated calls (after warm-up calls), for the
/// comparison and peak commands. On a shared machine the best CPU time per call is the steadier figure at one thread
/// (other processes delay the call but do not add to its CPU time).
/// </summary>
/// <param name="BestSeconds">Fastest call (wall).</param>
/// <param name="MedianSeconds">Median call (wall).</param>
/// <param name="BestCpuSeconds">Smallest process CPU time of a call (user + system, all threads).</param>
/// <param name="CpuPerWall">Process CPU time over wall time during the timed calls (≈ busy threads).</param>
public sealed record StepTimer(double BestSeconds, double MedianSeconds, double BestCpuSeconds, double CpuPerWall)
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, then <paramref name="repeats"/> times timed.</summary>
    public static StepTimer Measure(Action action, int warmup, int repeats)
    {
        for (int i = 0; i < warmup; i++) action();
        var times = new double[repeats];
        var cpuTimes = new double[repeats];
        var cpuStart = ProcessStats.CpuTime();
        var wall = Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++)
        {
            var cpu = ProcessStats.CpuTime();
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalSeconds;
            cpuTimes[i] = (ProcessStats.CpuTime() - cpu).TotalSeconds;
        }
        double cpuSeconds = (ProcessStats.CpuTime() - cpuStart).TotalSeconds;
        Array.Sort(times);
        return new StepTimer(times[0], times[repeats / 2], cpuTimes.Min(), cpuSeconds / wall.Elapsed.TotalSeconds);
    }
}
