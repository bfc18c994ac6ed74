using NUnit.Framework;
using Puma.Native;

namespace Puma.Core.Tests.Native;

/// <summary>
/// The run-time ELF patch against the build-time one: TorchSharp's pristine library (NuGet's packages folder) patched
/// in memory must equal, byte for byte, the copy that build/TorchSharpGlibcxxFix.targets patched in this test's output.
/// </summary>
[Platform("Linux")]
public class ElfVersionNeedsTests
{
    private static string Pristine()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                          ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", LibTorchSharpFallback.FileName);
        if (!File.Exists(path)) Assert.Ignore($"TorchSharp's package folder not found: {path}");
        return path;
    }

    private static string BuildPatched() =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", LibTorchSharpFallback.FileName);

    [Test]
    public void WeakeningThePristineLibraryGivesTheBuildTargetsBytes()
    {
        byte[] elf = File.ReadAllBytes(Pristine());
        byte[] original = (byte[])elf.Clone();

        Assert.That(ElfVersionNeeds.RequiresStrongly(elf, LibTorchSharpFallback.GlibcxxVersion), Is.True);
        Assert.That(ElfVersionNeeds.Weaken(elf, LibTorchSharpFallback.GlibcxxVersion), Is.True);

        Assert.That(elf, Is.EqualTo(File.ReadAllBytes(BuildPatched())));
        int[] changed = Enumerable.Range(0, elf.Length).Where(i => elf[i] != original[i]).ToArray();
        Assert.That(changed, Has.Length.EqualTo(1), "one flag byte (VER_FLG_WEAK = 2 in vna_flags)");
        Assert.That(elf[changed[0]] ^ original[changed[0]], Is.EqualTo(2));
        Assert.That(ElfVersionNeeds.RequiresStrongly(elf, LibTorchSharpFallback.GlibcxxVersion), Is.False);
    }

    [Test]
    public void WeakeningIsIdempotentAndLeavesOtherVersionsAlone()
    {
        byte[] elf = File.ReadAllBytes(BuildPatched());
        byte[] before = (byte[])elf.Clone();
        Assert.That(ElfVersionNeeds.Weaken(elf, LibTorchSharpFallback.GlibcxxVersion), Is.False);
        Assert.That(ElfVersionNeeds.Weaken(elf, "GLIBCXX_9.9.99"), Is.False);
        Assert.That(elf, Is.EqualTo(before));
        Assert.That(ElfVersionNeeds.RequiresStrongly(elf, "GLIBCXX_3.4.26"), Is.True, "libstdc++ versions the library really needs stay strong");
    }

    [Test]
    public void ANonElfFileIsRejected() =>
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Weaken(new byte[100], LibTorchSharpFallback.GlibcxxVersion));
}
