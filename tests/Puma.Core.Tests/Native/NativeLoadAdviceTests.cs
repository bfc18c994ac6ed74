using NUnit.Framework;
using Puma.Native;

namespace Puma.Core.Tests.Native;

/// <summary>The explanations name the library, keep the loader's reason and give the fix that matches it.</summary>
public class NativeLoadAdviceTests
{
    [Test]
    public void AnOldLibstdcxxIsExplainedWithTheBuildAndRuntimeFixes()
    {
        const string loader = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /x/libLibTorchSharp.so)";
        string message = NativeLoadAdvice.Explain("/x/libLibTorchSharp.so", loader);
        Assert.That(message, Does.Contain("/x/libLibTorchSharp.so"));
        Assert.That(message, Does.Contain(loader));
        Assert.That(message, Does.Contain("buildTransitive"));
        Assert.That(message, Does.Contain("PUMA_NATIVE_CACHE"));
        Assert.That(message, Does.Not.Contain("libtorch itself"));
    }

    [Test]
    public void AMissingLibtorchNamesTheBackendPackages()
    {
        string message = NativeLoadAdvice.Explain("/x/libLibTorchSharp.so", "libtorch.so: cannot open shared object file: No such file or directory");
        Assert.That(message, Does.Contain("libtorch itself was not found"));
        Assert.That(message, Does.Contain("libtorch-cpu-linux-x64"));
        Assert.That(message, Does.Contain("TorchSharp-cuda-linux"));
        Assert.That(message, Does.Not.Contain("GCC 13"));
    }

    [Test]
    public void AMissingLibraryListsWhereItWasSearched()
    {
        string message = NativeLoadAdvice.NotFound("libLibTorchSharp.so", ["/a/libLibTorchSharp.so", "/b/libLibTorchSharp.so"]);
        Assert.That(message, Does.Contain("/a/libLibTorchSharp.so, /b/libLibTorchSharp.so"));
        Assert.That(message, Does.Contain("TorchSharp-cpu"));
    }

    [Test]
    public void EnsureLoadedSucceedsInABuiltHost()
    {
        Assert.DoesNotThrow(PumaNative.EnsureLoaded);
        Assert.That(PumaNative.LastFailure, Is.Null);
    }
}
