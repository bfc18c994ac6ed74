using System.Globalization;
using System.Runtime.InteropServices;
using Puma.Native;

namespace Puma.FaultHost;

/// <summary>
/// <c>Puma.FaultHost allocator MODE main|worker</c>: in a fresh process, runs "steps" that allocate 48 blocks of 4 MiB
/// with <c>malloc</c> (as LibTorch allocates tensors), write one byte in every page, then free them, last first, as a
/// backward pass releases the activations of the forward pass. On the main thread or on a thread-pool thread (where
/// <c>FitAsync</c> trains). After 8 steps of warm-up, prints <c>faults N</c>: the thread's minor page faults over the
/// next 3 steps (147,456 pages written). Run by NativeAllocatorTests. MODE:
/// <list type="bullet">
/// <item><c>none</c>: glibc's defaults;</item>
/// <item><c>retain</c>: <see cref="NativeAllocator.RetainFreedMemory"/> with its defaults;</item>
/// <item><c>small-mmap</c>, <c>small-trim</c>, <c>small-pad</c>: the same but one of the three at glibc's initial
/// 128 KiB: the mmap threshold, the trim threshold or the top pad.</item>
/// </list>
/// </summary>
internal static class AllocatorProbe
{
    private const int BlockBytes = 4 << 20;
    private const int BlocksPerStep = 48;
    private const int Page = 4096;
    private const int Small = 128 << 10;

    public static int Run(string mode, string thread)
    {
        bool applied = mode switch
        {
            "none" => true,
            "retain" => NativeAllocator.RetainFreedMemory(),
            "small-trim" => NativeAllocator.RetainFreedMemory(trimThresholdBytes: Small),
            "small-pad" => NativeAllocator.RetainFreedMemory(topPadBytes: Small),
            "small-mmap" => NativeAllocator.RetainFreedMemory(mmapThresholdBytes: Small),
            _ => throw new ArgumentException($"mode must be none, retain, small-mmap, small-trim or small-pad, not '{mode}'"),
        };
        if (!applied) throw new InvalidOperationException("the C library is not glibc");
        Func<long> measure = () =>
        {
            Steps(8);
            long before = MinorFaultsOfThisThread();
            Steps(3);
            return MinorFaultsOfThisThread() - before;
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

    private static readonly IntPtr[] Held = new IntPtr[BlocksPerStep];

    private static void Steps(int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            for (int b = 0; b < BlocksPerStep; b++)
            {
                Held[b] = Marshal.AllocHGlobal(BlockBytes); // malloc on Unix
                for (int offset = 0; offset < BlockBytes; offset += Page) Marshal.WriteByte(Held[b], offset, 1);
            }
            for (int b = BlocksPerStep - 1; b >= 0; b--) Marshal.FreeHGlobal(Held[b]);
        }
    }

    /// <summary>Field 10 (minflt) of <c>/proc/thread-self/stat</c>, counted after the command name in parentheses.</summary>
    private static long MinorFaultsOfThisThread()
    {
        string stat = File.ReadAllText("/proc/thread-self/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7], CultureInfo.InvariantCulture);
    }
}
