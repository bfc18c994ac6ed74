using System.Globalization;
using Puma.Native;
using TorchSharp;

namespace Puma.FaultHost;

/// <summary>
/// <c>Puma.FaultHost allocator small|retain main|worker</c>: runs "steps" that hold 48 tensors of 4 MiB (all ones, so
/// every page is written) and then free them all, as a forward pass builds activations that the backward pass releases.
/// It runs in a fresh process, on one intra-op thread, on the main thread or on a thread-pool thread (where
/// <c>FitAsync</c> trains). <c>retain</c> calls <see cref="NativeAllocator.RetainFreedMemory"/> with its defaults;
/// <c>small</c> sets glibc's initial 128 KiB thresholds and pad, fixed (glibc's own defaults adjust themselves to
/// whatever the runtime's other threads happen to free, so they vary from run to run). After 8 steps of warm-up, prints
/// <c>faults N</c>: the minor page faults of the thread over the next 3 steps. Run by NativeAllocatorTests.
/// </summary>
internal static class AllocatorProbe
{
    private const long BlockFloats = 1L << 20;
    private const int BlocksPerStep = 48;

    public static int Run(string allocator, string thread)
    {
        bool applied = allocator switch
        {
            "retain" => NativeAllocator.RetainFreedMemory(),
            "small" => NativeAllocator.RetainFreedMemory(128 << 10, 128 << 10, 128 << 10),
            _ => throw new ArgumentException($"allocator must be small or retain, not '{allocator}'"),
        };
        if (!applied) throw new InvalidOperationException("the C library is not glibc");
        torch.set_num_threads(1);
        Func<long> measure = () =>
        {
            Steps(8);
            // No garbage collection while measuring: after a collection the runtime hands out fresh allocation
            // memory, and the first touch of it faults on this thread too (thousands of pages, not the tensors').
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (!GC.TryStartNoGCRegion(256L << 10)) throw new InvalidOperationException("no no-GC region");
            long before = MinorFaultsOfThisThread();
            Steps(3);
            long faults = MinorFaultsOfThisThread() - before;
            GC.EndNoGCRegion();
            return faults;
        };
        long faults = thread switch
        {
            "main" => measure(),
            "worker" => Task.Run(measure).GetAwaiter().GetResult(),
            _ => throw new ArgumentException($"thread must be main or worker, not '{thread}'"),
        };
        Console.WriteLine($"faults {faults.ToString(CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static void Steps(int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            var held = new torch.Tensor[BlocksPerStep];
            for (int b = 0; b < held.Length; b++) held[b] = torch.ones(BlockFloats);
            foreach (var tensor in held) tensor.Dispose();
        }
    }

    /// <summary>Field 10 (minflt) of <c>/proc/thread-self/stat</c>, counted after the command name in parentheses.</summary>
    private static long MinorFaultsOfThisThread()
    {
        string stat = File.ReadAllText("/proc/thread-self/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7], CultureInfo.InvariantCulture);
    }
}
