using System.Diagnostics;
using System.Runtime.InteropServices;
using NUnit.Framework;
using Puma.Native;
using TorchSharp;

namespace Puma.Core.Tests.Native;

/// <summary>
/// <see cref="NativeAllocator.RetainFreedMemory"/> really changes what glibc does with tensor memory, observed from
/// outside the class: the page faults of a fresh child process (tests/Puma.FaultHost) and glibc's own <c>mallinfo2</c>.
/// It also tunes this test process, as an application would.
/// </summary>
[NonParallelizable]
public class NativeAllocatorTests
{
    private const long MiB = 1L << 20;

    [OneTimeSetUp]
    public void Tune()
    {
        Assume.That(NativeAllocator.IsGlibc, "glibc only: elsewhere RetainFreedMemory returns false and changes nothing");
        Assert.That(NativeAllocator.RetainFreedMemory(), Is.True);
    }

    [Test]
    public void ThisLinuxRunsOnGlibc() => Assert.That(NativeAllocator.IsGlibc, Is.EqualTo(OperatingSystem.IsLinux()));

    [TestCase("main")]
    [TestCase("worker")]
    public void RetainedStepsDoNotFaultTheirPagesAgain(string thread)
    {
        // Measured: 160–220 pages on either thread, except that a worker thread's arena sometimes faults 4–6 of the 144
        // blocks again (up to 6,400 pages); glibc's initial thresholds fault all 147,456.
        long faults = ProbeFaults("retain", thread);
        long written = 3 * 48 * PagesPerBlock;
        Assert.That(faults, Is.LessThan(written / 10), $"3 steps wrote {written} pages and faulted {faults} of them again");
    }

    [TestCase("main")]
    [TestCase("worker")]
    public void WithGlibcsInitialThresholdsEveryStepFaultsItsPagesAgain(string thread)
    {
        Assume.That(File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled"), Does.Not.Contain("[always]"),
            "with transparent huge pages always on, the kernel faults 2 MiB at a time");
        long faults = ProbeFaults("small", thread);
        long written = 3 * 48 * PagesPerBlock;
        Assert.That(faults, Is.GreaterThan(written * 9 / 10), $"3 steps wrote {written} pages and faulted only {faults}");
    }

    [Test]
    public void BlocksAboveTheThresholdAreStillMappedOnTheirOwn()
    {
        // glibc serves a request from a free chunk when one fits, whatever its size; a block larger than all the free
        // memory of the heap cannot fit, so above the 32 MiB threshold it must get a mapping of its own (not written:
        // no page is touched).
        var before = Stats();
        long size = Math.Max(40 * MiB, before.FreeBytes + 40 * MiB);
        IntPtr block = Marshal.AllocHGlobal((nint)size); // malloc on Unix
        try
        {
            Assert.That(Stats().MappedBytes - before.MappedBytes, Is.GreaterThanOrEqualTo(size), $"{size} bytes is above the 32 MiB threshold");
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
        Assert.That(Stats().MappedBytes - before.MappedBytes, Is.LessThan(MiB), "a mapped block goes back to the kernel when freed");
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

    private const long PagesPerBlock = 4 * MiB / 4096;

    /// <summary>
    /// Runs <c>Puma.FaultHost allocator ALLOCATOR THREAD</c> (tests/Puma.FaultHost/AllocatorProbe.cs): in a fresh
    /// process, so that the heap is in a known state, 8 + 3 steps that hold 48 tensors of 4 MiB and then free them; its
    /// thread's minor page faults over the last 3 steps.
    /// </summary>
    private static long ProbeFaults(string allocator, string thread)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(TestContext.CurrentContext.TestDirectory, "Puma.FaultHost.dll"), "allocator", allocator, thread })
            info.ArgumentList.Add(argument);
        using var probe = Process.Start(info) ?? throw new AssertionException("could not start Puma.FaultHost");
        var error = probe.StandardError.ReadToEndAsync();
        string output = probe.StandardOutput.ReadToEnd();
        Assert.That(probe.WaitForExit(120_000), Is.True, "the probe did not finish in 2 minutes");
        Assert.That(probe.ExitCode, Is.Zero, $"the probe failed: {output}{error.Result}");
        var line = output.Split('\n').Single(l => l.StartsWith("faults ", StringComparison.Ordinal));
        return long.Parse(line["faults ".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static NativeAllocator.HeapStatistics Stats() =>
        NativeAllocator.Statistics() ?? throw new AssertionException("mallinfo2 is not available");
}
