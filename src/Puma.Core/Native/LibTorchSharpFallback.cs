using System.Security.Cryptography;

namespace Puma.Native;

/// <summary>
/// Loads <c>libLibTorchSharp.so</c> by path (the app's copy, else TorchSharp's package folder); if the system libstdc++
/// lacks <c>GLIBCXX_3.4.32</c>, loads a patched copy instead, after preloading libtorch from the folder beside the
/// original or from the libtorch-cpu-linux-x64 package folder. When the original cannot find libtorch at all (TorchSharp's
/// package folder, which notebooks load from, holds no libtorch, and the loader stops there before it would check
/// GLIBCXX), libtorch is preloaded by path from those folders and the original is tried again.
/// </summary>
internal sealed class LibTorchSharpFallback(string patchedCopyFolder, string torchSharpAssemblyPath, NativeHost? host = null)
{
    private readonly NativeHost process = host ?? NativeHost.Current;

    public const string FileName = "libLibTorchSharp.so";
    public const string GlibcxxVersion = "GLIBCXX_3.4.32";
    private static readonly string[] LibTorchInLoadOrder = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    /// <summary>Returns the library handle, or zero with the reason in <paramref name="failure"/>.</summary>
    public IntPtr TryLoad(out string? failure)
    {
        string? original = Candidates().FirstOrDefault(File.Exists);
        if (original is null)
        {
            failure = NativeLoadAdvice.NotFound(FileName, Candidates());
            return IntPtr.Zero;
        }
        if (TryLoadFile(original, out var library, out string error))
        {
            failure = null;
            return library;
        }
        if (MissesLibTorch(error) && PreloadLibTorch(Path.GetDirectoryName(original)!) is not null && TryLoadFile(original, out library, out error))
        {
            failure = null;
            return library;
        }
        if (!error.Contains(GlibcxxVersion, StringComparison.Ordinal))
        {
            failure = NativeLoadAdvice.Explain(original, error);
            return IntPtr.Zero;
        }
        if (!TryPatchedCopy(original, out string copy, out string? copyError))
        {
            failure = NativeLoadAdvice.Explain(original, error) + " " + copyError;
            return IntPtr.Zero;
        }
        // The copy's $ORIGIN is not libtorch's folder (and a system libtorch, e.g. Debian's python3-torch, may be on
        // the loader's path): load the right libtorch by path first, so that the copy's DT_NEEDED entries match it.
        string? libtorch = PreloadLibTorch(Path.GetDirectoryName(original)!);
        if (libtorch is null)
        {
            failure = NativeLoadAdvice.Explain(original, "libtorch.so, libtorch_cpu.so and libc10.so were found in none of: "
                                                         + string.Join(", ", LibTorchFolders(Path.GetDirectoryName(original)!)));
            return IntPtr.Zero;
        }
        if (TryLoadFile(copy, out library, out error))
        {
            failure = null;
            return library;
        }
        failure = NativeLoadAdvice.Explain(copy, error);
        return IntPtr.Zero;
    }

    /// <summary>Where <c>libLibTorchSharp.so</c> may be: the app folder, the host's native search folders, TorchSharp's package.</summary>
    public IEnumerable<string> Candidates()
    {
        string rid = Path.Combine("runtimes", "linux-x64", "native");
        yield return Path.Combine(process.AppFolder, FileName);
        yield return Path.Combine(process.AppFolder, rid, FileName);
        foreach (string folder in process.SearchFolders) yield return Path.Combine(folder, FileName);
        if (TorchSharpPackageRoot() is { } package) yield return Path.Combine(package, rid, FileName);
    }

    /// <summary>
    /// Whether the loader's message says that one of libtorch's own libraries (not something else, not a GLIBCXX version)
    /// could not be found: <c>libtorch.so: cannot open shared object file: …</c>.
    /// </summary>
    internal static bool MissesLibTorch(string loaderError) =>
        !loaderError.Contains(GlibcxxVersion, StringComparison.Ordinal)
        && LibTorchInLoadOrder.Any(name => loaderError.Contains(name + ": cannot open shared object file", StringComparison.Ordinal));

    /// <summary><c>…/torchsharp/0.107.0</c> when TorchSharp.dll runs from its NuGet folder (<c>lib/net8.0/TorchSharp.dll</c>).</summary>
    private string? TorchSharpPackageRoot()
    {
        if (string.IsNullOrEmpty(torchSharpAssemblyPath)) return null;
        string? lib = Path.GetDirectoryName(Path.GetDirectoryName(torchSharpAssemblyPath));
        return lib is not null && Path.GetFileName(lib) == "lib" ? Path.GetDirectoryName(lib) : null;
    }

    private bool TryLoadFile(string path, out IntPtr library, out string error)
    {
        (library, error) = process.Load(path);
        return library != IntPtr.Zero;
    }

    /// <summary>Writes (once) a copy whose GLIBCXX_3.4.32 requirement is weak, named by the original's content hash.</summary>
    private bool TryPatchedCopy(string original, out string copy, out string? error)
    {
        copy = original;
        try
        {
            byte[] elf = File.ReadAllBytes(original);
            string hash = Convert.ToHexString(SHA256.HashData(elf))[..16].ToLowerInvariant();
            if (!ElfVersionNeeds.Weaken(elf, GlibcxxVersion))
            {
                error = $"{original} has no strong {GlibcxxVersion} requirement to weaken.";
                return false;
            }
            string folder = Path.Combine(patchedCopyFolder, hash);
            string target = Path.Combine(folder, FileName);
            if (!File.Exists(target))
            {
                Directory.CreateDirectory(folder);
                string temporary = target + "." + Environment.ProcessId + ".tmp";
                File.WriteAllBytes(temporary, elf);
                File.Move(temporary, target, overwrite: true);
            }
            copy = target;
            error = null;
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error = $"Puma could not write a patched copy to {patchedCopyFolder} ({exception.Message}); set PUMA_NATIVE_CACHE to a writable folder.";
            return false;
        }
    }

    /// <summary>Loads libc10, libtorch_cpu and libtorch by path from the first folder that has them all; returns it, or null.</summary>
    private string? PreloadLibTorch(string besideOriginal)
    {
        string? folder = LibTorchFolders(besideOriginal).FirstOrDefault(f => LibTorchInLoadOrder.All(name => File.Exists(Path.Combine(f, name))));
        if (folder is null) return null;
        foreach (string name in LibTorchInLoadOrder)
            if (!TryLoadFile(Path.Combine(folder, name), out _, out _)) return null;
        return folder;
    }

    private IEnumerable<string> LibTorchFolders(string besideOriginal)
    {
        yield return besideOriginal;
        string rid = Path.Combine("runtimes", "linux-x64", "native");
        yield return process.AppFolder;
        yield return Path.Combine(process.AppFolder, rid);
        foreach (string folder in process.SearchFolders) yield return folder;
        // NuGet's global packages folder: …/torchsharp/0.107.0 beside …/libtorch-cpu-linux-x64/2.10.0.
        if (TorchSharpPackageRoot() is { } package && Path.GetDirectoryName(Path.GetDirectoryName(package)) is { } packages)
        {
            string libtorch = Path.Combine(packages, "libtorch-cpu-linux-x64");
            if (Directory.Exists(libtorch))
                foreach (string version in Directory.GetDirectories(libtorch).OrderDescending(StringComparer.Ordinal))
                    yield return Path.Combine(version, rid);
        }
    }
}
