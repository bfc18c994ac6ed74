using System.Runtime.InteropServices;
using NUnit.Framework;
using Puma.Native;
using TorchSharp;

namespace Puma.Core.Tests.Native;

/// <summary>
/// <see cref="NativeAllocator.RetainFreedMemory"/> really changes where glibc puts tensor memory: read back through
/// glibc's own <c>mallinfo2</c>, not through anything the class computes. It tunes the whole test process, as an
/// application would.
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

    [Test]
    public void RepeatedStepsReuseTheHeapWithoutFaultingTheirPagesAgain()
    {
        Steps(WarmUpSteps);
        var settled = Stats();
        long faults = PageFaultsOfSteps(3);
        var after = Stats();
        Assert.That(faults, Is.LessThan(PagesPerBlock), $"3 steps of {BlocksPerStep} × 4 MiB faulted {faults} pages; one block is {PagesPerBlock}");
        Assert.That(after.ArenaBytes - settled.ArenaBytes, Is.LessThan(MiB), "after the warm-up the heap must not grow");
        Assert.That(after.MappedBytes - settled.MappedBytes, Is.LessThan(MiB), "4 MiB blocks must come from the heap");
        Assert.That(after.FreeBytes, Is.GreaterThanOrEqualTo(BlocksPerStep * BlockBytes), "the freed step must stay in the heap (not trimmed)");
    }

    [Test]
    public void WithGlibcsSmallTrimThresholdEveryStepFaultsItsPagesAgain()
    {
        Assume.That(File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled"), Does.Not.Contain("[always]"),
            "with transparent huge pages always on, the kernel faults 2 MiB at a time");
        try
        {
            // glibc's initial trim threshold and top pad (128 KiB each): the free top of the heap goes back to the kernel after each step.
            Assert.That(NativeAllocator.RetainFreedMemory(trimThresholdBytes: 128 << 10, topPadBytes: 128 << 10), Is.True);
            Steps(1);
            long faults = PageFaultsOfSteps(3);
            // Measured: about 8,000 pages (32 MiB) a step. Only the blocks that merge into the top of the heap are
            // trimmed; the others are kept apart by small cached chunks. Retaining, the same steps fault < 1 block.
            Assert.That(faults, Is.GreaterThan(3 * 2 * PagesPerBlock),
                $"3 steps of {BlocksPerStep} × 4 MiB faulted only {faults} pages");
        }
        finally
        {
            NativeAllocator.RetainFreedMemory();
        }
    }

    [Test]
    public void BlocksAboveTheThresholdAreStillMappedOnTheirOwn()
    {
        var before = Stats();
        IntPtr block = Marshal.AllocHGlobal((nint)(40 * MiB)); // malloc on Unix
        try
        {
            Assert.That(Stats().MappedBytes - before.MappedBytes, Is.GreaterThanOrEqualTo(40 * MiB), "40 MiB is above the 32 MiB threshold");
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

    private const long BlockBytes = 4 * MiB;
    private const long PagesPerBlock = BlockBytes / 4096;

    /// <summary>
    /// One "step" holds this many 4 MiB tensors at once (192 MiB, more than any test leaves free inside the heap), then
    /// frees them all, as a forward pass builds activations that the backward pass releases.
    /// </summary>
    private const int BlocksPerStep = 48;

    /// <summary>
    /// Steps before the heap settles: each tensor's small bookkeeping allocations land in glibc's per-thread cache
    /// (7 chunks per size) between freed blocks and keep them from merging, so the heap grows for a few rounds before
    /// it reuses its free blocks (measured with single 16 MiB tensors: 7 rounds of growth, then none).
    /// </summary>
    private const int WarmUpSteps = 8;

    /// <summary>Minor page faults of the process over <paramref name="steps"/> steps; every tensor is all ones, so
    /// every page of it is written.</summary>
    private static long PageFaultsOfSteps(int steps)
    {
        long before = MinorFaultsOfThisProcess();
        Steps(steps);
        return MinorFaultsOfThisProcess() - before;
    }

    private static void Steps(int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            var held = Enumerable.Range(0, BlocksPerStep).Select(_ => torch.ones(BlockBytes / sizeof(float))).ToList();
            held.ForEach(tensor => tensor.Dispose());
        }
    }

    /// <summary>Field 10 (minflt) of <c>/proc/self/stat</c> (the whole process: LibTorch fills large tensors on several threads); the fields after the command name in parentheses.</summary>
    private static long MinorFaultsOfThisProcess()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static NativeAllocator.HeapStatistics Stats() =>
        NativeAllocator.Statistics() ?? throw new AssertionException("mallinfo2 is not available");
}
