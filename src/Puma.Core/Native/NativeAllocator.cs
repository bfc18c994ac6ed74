using System.Runtime.InteropServices;

namespace Puma.Native;

/// <summary>
/// Tunes the C allocator that LibTorch takes CPU tensor memory from (glibc's <c>malloc</c> on Linux) for its pattern of
/// large, short-lived blocks: a training step allocates and frees hundreds of activations and gradients of 0.1–30 MB.
/// </summary>
/// <remarks>
/// <para>
/// With glibc's defaults, blocks above a dynamic threshold are mapped fresh from the kernel and unmapped when freed, and
/// free memory at the top of the heap is handed back after 128 KB. Either way the next step faults the same pages in
/// again, and the kernel zeroes each one. Measured on a Hybrid112 training step at one thread, a .NET process took
/// about three times PyTorch's minor page faults and 5–10 % more wall time. <see cref="RetainFreedMemory"/> sets
/// <c>M_MMAP_THRESHOLD</c>, <c>M_TRIM_THRESHOLD</c> and <c>M_TOP_PAD</c> with <c>mallopt</c>, so freed blocks stay in
/// the heap and are reused. <c>benchmarks/README.md</c> §2 has the numbers.
/// </para>
/// <para>
/// The price is memory: the process keeps its peak heap instead of returning it between steps, the way PyTorch's CUDA
/// caching allocator does on the GPU. The setting covers the whole process, so Puma never applies it on its own; an
/// application opts in once at start-up. The command-line tool and the benchmarks do. Setting
/// <c>GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=67108864</c> before the process
/// starts has the same effect without code.
/// </para>
/// </remarks>
public static class NativeAllocator
{
    /// <summary>
    /// The largest mmap threshold Puma sets, and its default: 32 MiB, the ceiling of glibc's own adjustment on 64-bit
    /// Linux. glibc would take more, but a worker thread's heaps are 64 MiB, so larger blocks are mapped anyway.
    /// </summary>
    public const long MaxMmapThresholdBytes = 32L << 20;

    /// <summary>The default trim threshold (1 GiB): free heap memory beyond it goes back to the kernel.</summary>
    public const long DefaultTrimThresholdBytes = 1L << 30;

    /// <summary>The default top pad (64 MiB, one thread heap): extra room requested with each heap growth and kept
    /// when trimming, so that the heap of a worker thread's arena is not unmapped as soon as it is empty.</summary>
    public const long DefaultTopPadBytes = 64L << 20;

    private const int MallocTrimThreshold = -1; // M_TRIM_THRESHOLD in glibc's malloc.h
    private const int MallocTopPad = -2; // M_TOP_PAD
    private const int MallocMmapThreshold = -3; // M_MMAP_THRESHOLD

    /// <summary>
    /// Makes the process keep freed native memory for reuse: blocks up to <paramref name="mmapThresholdBytes"/> come
    /// from the heap instead of fresh mappings, free heap memory goes back to the kernel only beyond
    /// <paramref name="trimThresholdBytes"/>, and every heap keeps <paramref name="topPadBytes"/> of room. Call it once,
    /// early. Calling it again just sets the values again.
    /// </summary>
    /// <param name="mmapThresholdBytes">Blocks of this size or larger are still mapped on their own. From 0 to
    /// <see cref="MaxMmapThresholdBytes"/>.</param>
    /// <param name="trimThresholdBytes">How much free memory the heap may keep at its top. From 0 to
    /// <see cref="int.MaxValue"/> (mallopt takes an <c>int</c>).</param>
    /// <param name="topPadBytes">Room added to each heap growth and kept when trimming. Training runs on a thread-pool
    /// thread (<c>FitAsync</c>), whose arena is made of 64 MiB heaps; glibc unmaps such a heap once it is empty unless
    /// the pad asks to keep it. From 0 to <see cref="int.MaxValue"/>.</param>
    /// <returns>True when the values were applied. False where the C library is not glibc (Windows, macOS, musl), and
    /// nothing changes there.</returns>
    /// <remarks>Small values make glibc return memory sooner, the opposite of retaining; glibc starts at 128 KiB for all
    /// three.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A threshold or the pad is outside its range.</exception>
    public static bool RetainFreedMemory(long mmapThresholdBytes = MaxMmapThresholdBytes, long trimThresholdBytes = DefaultTrimThresholdBytes,
                                         long topPadBytes = DefaultTopPadBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mmapThresholdBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mmapThresholdBytes, MaxMmapThresholdBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(trimThresholdBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trimThresholdBytes, int.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegative(topPadBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topPadBytes, int.MaxValue);
        if (!IsGlibc) return false;
        // The trim threshold first: setting either threshold turns off glibc's dynamic adjustment of both.
        return Glibc.mallopt(MallocTrimThreshold, (int)trimThresholdBytes) == 1
               && Glibc.mallopt(MallocMmapThreshold, (int)mmapThresholdBytes) == 1
               && Glibc.mallopt(MallocTopPad, (int)topPadBytes) == 1;
    }

    /// <summary>Whether this process runs on glibc (the only C library whose malloc <see cref="RetainFreedMemory"/> tunes).</summary>
    public static bool IsGlibc { get; } = OperatingSystem.IsLinux()
                                          && NativeLibrary.TryLoad(Glibc.Library, out var libc)
                                          && NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _);

    internal static class Glibc
    {
        internal const string Library = "libc.so.6";

        [DllImport(Library, ExactSpelling = true)]
        internal static extern int mallopt(int parameter, int value);
    }
}
