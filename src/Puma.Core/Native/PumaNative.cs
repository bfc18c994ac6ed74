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
/// When Puma.Core is first used, a <see cref="NativeLibrary"/> resolver is registered for TorchSharp's assembly. If the
/// normal load of <c>LibTorchSharp</c> fails, the resolver finds the file itself and fixes what it can: a library that
/// asks for GCC 13's <c>GLIBCXX_3.4.32</c> on an older libstdc++ (Debian 12, Ubuntu 22.04) is loaded from a patched
/// copy in <see cref="PatchedCopyFolder"/>; libtorch living in another NuGet package folder (how notebooks restore) is
/// preloaded from there. <see cref="EnsureLoaded"/> (called by <c>UniversalMetricModelBuilder.Build</c>) reports what
/// is still missing.
/// </remarks>
public static class PumaNative
{
    private static readonly Lock Gate = new();
    private static int registered;
    private static volatile bool loaded;

    /// <summary>
    /// Where the patched copy of <c>libLibTorchSharp.so</c> is written (default <c>{temp}/puma-native</c>; one sub-folder
    /// per library content, so several TorchSharp versions coexist).
    /// </summary>
    public static string PatchedCopyFolder { get; set; } = Path.Combine(Path.GetTempPath(), "puma-native");

    /// <summary>Why the last fallback load failed, or null.</summary>
    internal static string? LastFailure { get; private set; }

    /// <summary>
    /// Loads TorchSharp's CPU backend now; throws <see cref="PumaNativeLibraryException"/> naming the missing library
    /// and the fix if it cannot. Idempotent and cheap after the first success.
    /// </summary>
    public static void EnsureLoaded()
    {
        if (loaded) return;
        Register();
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

    /// <summary>Registers the resolver once per process (a no-op off Linux, or when another resolver owns TorchSharp).</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The resolver must be in place before TorchSharp's first native call, which may come from any Puma type.")]
    internal static void Register()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref registered, 1) == 1) return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The host registered its own resolver for TorchSharp: it decides.
        }
    }

    [ThreadStatic] private static bool resolving;
    private static IntPtr handle;

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != "LibTorchSharp" || resolving) return IntPtr.Zero;
        lock (Gate)
        {
            if (handle != IntPtr.Zero) return handle;
            resolving = true;
            try
            {
                if (NativeLibrary.TryLoad(libraryName, assembly, searchPath, out var normal)) return handle = normal;
            }
            finally
            {
                resolving = false;
            }
            var fallback = new LibTorchSharpFallback(PatchedCopyFolder, typeof(torch).Assembly.Location);
            handle = fallback.TryLoad(out string? failure);
            LastFailure = failure;
            return handle;
        }
    }
}
