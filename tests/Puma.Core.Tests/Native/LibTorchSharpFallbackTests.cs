using NUnit.Framework;
using Puma.Native;

namespace Puma.Core.Tests.Native;

/// <summary>
/// The fallback's decisions, on a fake NuGet packages folder with a scripted loader: a notebook loads TorchSharp from its
/// package folder, which holds no libtorch, so the loader first reports libtorch missing (and only once libtorch is in the
/// process, the GLIBCXX version of an old libstdc++).
/// </summary>
[Platform("Linux")]
public class LibTorchSharpFallbackTests
{
    private const string MissingLibTorch = "Unable to load shared library 'x' or one of its dependencies.\nlibtorch.so: cannot open shared object file: No such file or directory";
    private const string OldLibstdcxx = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by x)";
    private static readonly string[] LibTorch = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    private string root = "";

    [SetUp]
    public void CreateFolders() => root = Directory.CreateTempSubdirectory("puma-fallback-").FullName;

    [TearDown]
    public void DeleteFolders() => Directory.Delete(root, recursive: true);

    private string Packages => Path.Combine(root, "packages");

    private string TorchSharpDll => Path.Combine(Packages, "torchsharp", "0.107.0", "lib", "net8.0", "TorchSharp.dll");

    private string Original => Path.Combine(Packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", LibTorchSharpFallback.FileName);

    private string LibTorchFolder => Path.Combine(Packages, "libtorch-cpu-linux-x64", "2.10.0", "runtimes", "linux-x64", "native");

    private string PatchedFolder => Path.Combine(root, "patched");

    /// <summary>The package layout: TorchSharp's library (the given bytes) and, optionally, libtorch's three files.</summary>
    private void Layout(byte[] libTorchSharp, bool withLibTorch)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Original)!);
        File.WriteAllBytes(Original, libTorchSharp);
        if (!withLibTorch) return;
        Directory.CreateDirectory(LibTorchFolder);
        foreach (string name in LibTorch) File.WriteAllBytes(Path.Combine(LibTorchFolder, name), []);
    }

    private static byte[] PristineLibTorchSharp()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                          ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", LibTorchSharpFallback.FileName);
        if (!File.Exists(path)) Assert.Ignore($"TorchSharp's package folder not found: {path}");
        return File.ReadAllBytes(path);
    }

    /// <summary>
    /// A loader without libtorch on its path and with an old libstdc++: TorchSharp's library (original or copy) needs
    /// libtorch in the process; then the original needs GLIBCXX_3.4.32 and the weakened copy loads.
    /// </summary>
    private NativeHost Host(List<string> loads, string? originalErrorOnceLibTorchIsLoaded = OldLibstdcxx)
    {
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        return new NativeHost(Path.Combine(root, "app"), [], path =>
        {
            loads.Add(path);
            string name = Path.GetFileName(path);
            if (LibTorch.Contains(name))
            {
                loaded.Add(name);
                return (new IntPtr(1), "");
            }
            if (!LibTorch.All(loaded.Contains)) return (IntPtr.Zero, MissingLibTorch);
            if (path == Original) return originalErrorOnceLibTorchIsLoaded is null ? (new IntPtr(7), "") : (IntPtr.Zero, originalErrorOnceLibTorchIsLoaded);
            return (new IntPtr(42), "");
        });
    }

    [Test]
    public void AMissingLibTorchIsPreloadedFromItsPackageThenTheOriginalLoads()
    {
        Layout([1, 2, 3], withLibTorch: true);
        var loads = new List<string>();

        IntPtr handle = new LibTorchSharpFallback(PatchedFolder, TorchSharpDll, Host(loads, originalErrorOnceLibTorchIsLoaded: null)).TryLoad(out string? failure);

        Assert.That(failure, Is.Null);
        Assert.That(handle, Is.EqualTo(new IntPtr(7)));
        string[] expected = [Original, .. LibTorch.Select(name => Path.Combine(LibTorchFolder, name)), Original];
        Assert.That(loads, Is.EqualTo(expected));
        Assert.That(Directory.Exists(PatchedFolder), Is.False, "no patched copy is needed");
    }

    [Test]
    public void AMissingLibTorchThenAnOldLibstdcxxEndsWithThePatchedCopy()
    {
        byte[] pristine = PristineLibTorchSharp();
        Layout(pristine, withLibTorch: true);
        var loads = new List<string>();

        IntPtr handle = new LibTorchSharpFallback(PatchedFolder, TorchSharpDll, Host(loads)).TryLoad(out string? failure);

        Assert.That(failure, Is.Null);
        Assert.That(handle, Is.EqualTo(new IntPtr(42)));
        string copy = Directory.GetFiles(PatchedFolder, LibTorchSharpFallback.FileName, SearchOption.AllDirectories).Single();
        Assert.That(loads[^1], Is.EqualTo(copy));
        Assert.That(loads.Count(p => p == Original), Is.EqualTo(2), "the original is tried before and after libtorch is preloaded");
        byte[] patched = File.ReadAllBytes(copy);
        Assert.That(ElfVersionNeeds.RequiresStrongly(patched, LibTorchSharpFallback.GlibcxxVersion), Is.False);
        Assert.That(ElfVersionNeeds.RequiresStrongly(pristine, LibTorchSharpFallback.GlibcxxVersion), Is.True);
    }

    [Test]
    public void WithoutAnyLibTorchTheFailureSaysSoAndNothingIsWritten()
    {
        Layout([1, 2, 3], withLibTorch: false);
        var loads = new List<string>();

        IntPtr handle = new LibTorchSharpFallback(PatchedFolder, TorchSharpDll, Host(loads)).TryLoad(out string? failure);

        Assert.That(handle, Is.EqualTo(IntPtr.Zero));
        Assert.That(failure, Does.Contain(Original));
        Assert.That(failure, Does.Contain("libtorch itself was not found"));
        Assert.That(loads, Is.EqualTo(new[] { Original }));
        Assert.That(Directory.Exists(PatchedFolder), Is.False);
    }

    [TestCase(MissingLibTorch, true)]
    [TestCase("libc10.so: cannot open shared object file: No such file or directory", true)]
    [TestCase("libtorch_cpu.so: cannot open shared object file: No such file or directory", true)]
    [TestCase("libgomp.so.1: cannot open shared object file: No such file or directory", false)]
    [TestCase(OldLibstdcxx, false)]
    [TestCase("/root/.nuget/packages/libtorch-cpu-linux-x64/2.10.0/x.so: invalid ELF header", false)]
    public void OnlyAMissingLibTorchLibraryTriggersThePreload(string loaderError, bool expected) =>
        Assert.That(LibTorchSharpFallback.MissesLibTorch(loaderError), Is.EqualTo(expected));
}
