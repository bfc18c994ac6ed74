using System.Diagnostics;
using NUnit.Framework;
using Puma.Native;

namespace Puma.Core.Tests.Native;

/// <summary>
/// <see cref="NativeAllocator.RetainFreedMemory"/> really changes what glibc does with freed memory, observed from
/// outside the class: the page faults of a fresh child process (tests/Puma.FaultHost/AllocatorProbe.cs) that repeats
/// steps of 48 × 4 MiB blocks, written and then freed. Each of the three parameters is shown to matter: set back to
/// glibc's initial 128 KiB alone, it brings the faults back.
/// </summary>
public class NativeAllocatorTests
{
    private const long PagesWritten = 3 * 48 * (4 << 20) / 4096;

    [Test]
    public void GlibcIsDetectedOnLinux() => Assert.That(NativeAllocator.IsGlibc, Is.EqualTo(OperatingSystem.IsLinux()),
        "Puma's Linux builds run on glibc here; on musl this check fails on purpose, as RetainFreedMemory does nothing there");

    // Measured (3 runs each): retain 161–1,184 pages; glibc's defaults 147,5xx on the main thread and 104,6xx–147,5xx on
    // a worker; small-mmap all of them; small-trim 98,46x on the main thread; small-pad 104,6xx on a worker.
    [TestCase("retain", "main")]
    [TestCase("retain", "worker")]
    public void RetainedStepsDoNotFaultTheirPagesAgain(string mode, string thread)
    {
        long faults = ProbeFaults(mode, thread);
        Assert.That(faults, Is.LessThan(PagesWritten / 10), $"3 steps wrote {PagesWritten} pages and faulted {faults} of them again");
    }

    [TestCase("none", "main", Description = "glibc's defaults: the top of the heap is trimmed after each step")]
    [TestCase("none", "worker", Description = "glibc's defaults: the worker's empty heaps are unmapped")]
    [TestCase("small-mmap", "main", Description = "4 MiB blocks above a 128 KiB mmap threshold are mapped and unmapped each time")]
    [TestCase("small-mmap", "worker")]
    [TestCase("small-trim", "main", Description = "the main arena gives its free top back beyond a 128 KiB trim threshold")]
    [TestCase("small-pad", "worker", Description = "without the pad, a worker arena unmaps each heap that empties")]
    public void WithoutEachSettingTheStepsFaultTheirPagesAgain(string mode, string thread)
    {
        Assume.That(File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled"), Does.Not.Contain("[always]"),
            "with transparent huge pages always on, the kernel faults 2 MiB at a time");
        long faults = ProbeFaults(mode, thread);
        Assert.That(faults, Is.GreaterThan(PagesWritten / 2), $"3 steps wrote {PagesWritten} pages and faulted only {faults} of them again");
    }

    [TestCase(-1L, 0L, "mmapThresholdBytes")]
    [TestCase(33L << 20, 0L, "mmapThresholdBytes")]
    [TestCase(0L, -1L, "trimThresholdBytes")]
    [TestCase(0L, 1L << 31, "trimThresholdBytes")]
    public void ThresholdsOutOfRangeNameTheArgument(long mmap, long trim, string culprit)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NativeAllocator.RetainFreedMemory(mmap, trim));
        Assert.That(error!.ParamName, Is.EqualTo(culprit));
    }

    [TestCase(-1L)]
    [TestCase(1L << 31)]
    public void ATopPadOutOfRangeNamesTheArgument(long pad)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NativeAllocator.RetainFreedMemory(topPadBytes: pad));
        Assert.That(error!.ParamName, Is.EqualTo("topPadBytes"));
    }

    /// <summary>
    /// Runs <c>Puma.FaultHost allocator MODE THREAD</c> in a fresh process, so that the heap starts in a known state:
    /// its thread's minor page faults over 3 steps after 8 steps of warm-up.
    /// </summary>
    private static long ProbeFaults(string mode, string thread)
    {
        Assume.That(NativeAllocator.IsGlibc, "glibc only: elsewhere RetainFreedMemory returns false and changes nothing");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(TestContext.CurrentContext.TestDirectory, "Puma.FaultHost.dll"), "allocator", mode, thread })
            info.ArgumentList.Add(argument);
        info.Environment.Remove("GLIBC_TUNABLES");
        using var probe = Process.Start(info) ?? throw new AssertionException("could not start Puma.FaultHost");
        var error = probe.StandardError.ReadToEndAsync();
        string output = probe.StandardOutput.ReadToEnd();
        Assert.That(probe.WaitForExit(120_000), Is.True, "the probe did not finish in 2 minutes");
        Assert.That(probe.ExitCode, Is.Zero, $"the probe failed: {output}{error.Result}");
        var line = output.Split('\n').Single(l => l.StartsWith("faults ", StringComparison.Ordinal));
        return long.Parse(line["faults ".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
