using System.Diagnostics;
using System.Globalization;

namespace Puma.Benchmarks.Infrastructure;

/// <summary>Process figures read from <c>/proc</c>: resident set, its peak, CPU time and the machine's load average.</summary>
public static class ProcessStats
{
    /// <summary>Current resident set size in MiB (<c>VmRSS</c>), or NaN when unavailable.</summary>
    public static double ResidentMiB() => StatusKiB("VmRSS") / 1024.0;

    /// <summary>Peak resident set size since the process started, in MiB (<c>VmHWM</c>), or NaN when unavailable.</summary>
    public static double PeakResidentMiB() => StatusKiB("VmHWM") / 1024.0;

    /// <summary>User + system CPU time of this process.</summary>
    public static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The 1-, 5- and 15-minute load averages as printed by <c>uptime</c>.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]}, {parts[1]}, {parts[2]}";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static double StatusKiB(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith(key + ":", StringComparison.Ordinal)) continue;
                var value = line[(key.Length + 1)..].Trim().Split(' ')[0];
                return double.Parse(value, CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        return double.NaN;
    }
}
