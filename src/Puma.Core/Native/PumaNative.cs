using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Puma.Native;

/// <summary>
/// Makes TorchSharp's native library load on hosts that did not build with Puma's MSBuild fix (notebooks, scripts,
/// apps whose output was not patched) and turns a failed load into one clear <see cref="PumaNativeLibraryException"/>.
/// </summary>
/// <remarks>
/// When Puma.Core is first used (module initializer) and again in <see cref="EnsureLoaded"/>, Puma loads
/// <c>libLibTorchSharp.so</c> itself before TorchSharp's own loader runs. If the file in the application (or in
/// TorchSharp's package folder, for notebooks) fails to load, Puma fixes what it can: a library that asks for GCC 13's
/// <c>GLIBCXX_3.4.32</c> on an older libstdc++ (Debian 12, Ubuntu 22.04) is loaded from a patched copy in
/// <see cref="PatchedCopyFolder"/>, and libtorch is preloaded from its own folder when that copy cannot find it. Once the
/// library is in the process, TorchSharp's load by name finds it; a <see cref="NativeLibrary"/> resolver registered for
/// TorchSharp's assembly hands the same handle to its P/Invokes. <see cref="EnsureLoaded"/> (called by
/// <c>UniversalMetricModelBuilder.Build</c>) reports what is still missing.
/// </remarks>
public static class PumaNative
{
    private static readonly Lock Gate = new();
    private static volatile bool loaded;

    /// <summary>
    /// Where the patched copy of <c>libLibTorchSharp.so</c> is written: the <c>PUMA_NATIVE_CACHE</c> environment variable,
    /// else <c>{temp}/puma-native</c> (one sub-folder per library content, so several TorchSharp versions coexist). An
    /// environment variable because the load happens as soon as Puma.Core is first used.
    /// </summary>
    public static string PatchedCopyFolder =>
        Environment.GetEnvironmentVariable("PUMA_NATIVE_CACHE") is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "puma-native");

    /// <summary>Why the last fallback load failed, or null.</summary>
    internal static string? LastFailure { get; private set; }

    /// <summary>
    /// Loads TorchSharp's CPU backend now; throws <see cref="PumaNativeLibraryException"/> naming the missing library
    /// and the fix if it cannot. Idempotent and cheap after the first success.
    /// </summary>
    public static void EnsureLoaded()
    {
        if (loaded) return;
        Preload();
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            loaded = true;
        }
        catch (Exception error) when (error is NotSupportedException or DllNotFoundException or TypeInitializationException
                                          or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new PumaNativeLibraryException(LastFailure ?? NativeLoadAdvice.Explain("LibTorchSharp", error.Message), error);
        }
    }

    /// <summary>
    /// Loads TorchSharp's native library before TorchSharp does (once per process; a no-op off Linux). Never throws: a
    /// failure is kept for <see cref="EnsureLoaded"/>.
    /// </summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "TorchSharp's type initializer loads its native library once and for all; Puma must load it first, before any Puma type can touch TorchSharp.")]
    internal static void Preload()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref preloaded, 1) == 1) return;
        try
        {
            lock (Gate)
            {
                handle = new LibTorchSharpFallback(PatchedCopyFolder, typeof(torch).Assembly.Location).TryLoad(out string? failure);
                LastFailure = failure;
                if (handle != IntPtr.Zero) NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, Resolve);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // InvalidOperationException: the host registered its own resolver for TorchSharp, which then decides.
            LastFailure ??= exception.Message;
        }
    }

    private static int preloaded;
    private static IntPtr handle;

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == "LibTorchSharp" ? handle : IntPtr.Zero;
}
