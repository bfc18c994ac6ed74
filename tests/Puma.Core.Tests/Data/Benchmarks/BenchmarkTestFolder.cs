using NUnit.Framework;

namespace Puma.Core.Tests.Data.Benchmarks;

/// <summary>A fresh temporary folder per test, deleted afterwards.</summary>
public abstract class BenchmarkTestFolder
{
    protected string Root { get; private set; } = "";

    [SetUp]
    public void CreateRoot() => Root = TestImages.NewTempFolder();

    [TearDown]
    public void DeleteRoot() => Directory.Delete(Root, recursive: true);

    protected string In(string folder) => Path.Combine(Root, folder);

    /// <summary>(file name relative to the split's dataset folder, label) of every sample.</summary>
    protected static (string, int)[] Samples(Puma.Data.ImageFolder split, string folder) =>
        split.Samples.Select(s => (Path.GetRelativePath(folder, s.Path).Replace('\\', '/'), s.Label)).ToArray();
}
