namespace Puma.Native;

/// <summary>The explanations of <see cref="PumaNativeLibraryException"/>: what failed to load, why, and what to do.</summary>
internal static class NativeLoadAdvice
{
    private const string BackendPackages =
        "Add one native backend package to the application: libtorch-cpu-linux-x64 (or TorchSharp-cpu) for CPU, " +
        "TorchSharp-cuda-linux or TorchSharp-cuda-windows for CUDA.";

    /// <summary>Advice for a library that exists but did not load with the loader's message <paramref name="loaderError"/>.</summary>
    public static string Explain(string library, string loaderError)
    {
        string advice;
        if (loaderError.Contains("GLIBCXX", StringComparison.Ordinal))
            advice = "The system libstdc++ is older than the one TorchSharp was built with (GCC 13; Debian 12 and Ubuntu 22.04 ship older). " +
                     "Build the application with the Puma.Core package referenced (its buildTransitive target patches the copy in the output " +
                     "folder), or let Puma patch a copy at run time (the folder PUMA_NATIVE_CACHE, default {temp}/puma-native, must be writable), or install libstdc++ from GCC 13 or later.";
        else if (loaderError.Contains("libtorch", StringComparison.Ordinal) || loaderError.Contains("libc10", StringComparison.Ordinal)
                 || loaderError.Contains("torch_cpu", StringComparison.Ordinal))
            advice = "libtorch itself was not found. " + BackendPackages;
        else
            advice = BackendPackages;
        return $"TorchSharp's native library {library} could not be loaded: {loaderError.Trim()} {advice}";
    }

    /// <summary>Advice when <c>libLibTorchSharp.so</c> is in none of the <paramref name="searched"/> places.</summary>
    public static string NotFound(string fileName, IEnumerable<string> searched) =>
        $"TorchSharp's native library {fileName} was not found (searched: {string.Join(", ", searched)}). " +
        "Reference the TorchSharp package (Puma.Core brings it) and restore. " + BackendPackages;
}
