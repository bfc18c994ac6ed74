using NUnit.Framework;
using Puma.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.IO;

/// <summary>The writer goes through a temporary file in the same folder and never leaves a half-written destination.</summary>
public class SafeTensorsAtomicWriteTests
{
    private static readonly byte[] OldContent = { 1, 2, 3, 4, 5 };

    private string folder = "";
    private string path = "";

    [SetUp]
    public void CreateExistingFile()
    {
        folder = SafeTensorsTestFiles.NewFolder();
        path = Path.Combine(folder, "model.safetensors");
        File.WriteAllBytes(path, OldContent);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string[] FilesInFolder() => Directory.GetFiles(folder).Select(Path.GetFileName).ToArray()!;

    [Test]
    public void SuccessfulWriteReplacesTheFileAndLeavesNoTemporaryFile()
    {
        using var scope = torch.NewDisposeScope();
        string? temporary = null;
        SafeTensorsWriter.Write(path, new Dictionary<string, Tensor> { ["w"] = torch.ones(3) }, metadata: null,
            beforeCommit: t =>
            {
                temporary = t;
                Assert.That(File.Exists(t), Is.True);
            });
        Assert.That(Path.GetDirectoryName(temporary), Is.EqualTo(folder), "the temporary file lives next to the destination");
        Assert.That(FilesInFolder(), Is.EqualTo(new[] { "model.safetensors" }));
        Assert.That(SafeTensorsReader.Read(path)["w"].data<float>().ToArray(), Is.EqualTo(new[] { 1f, 1f, 1f }));
    }

    [Test]
    public void FailureJustBeforeTheMoveKeepsTheOldFileAndRemovesTheTemporaryFile()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Throws<IOException>(() => SafeTensorsWriter.Write(path, new Dictionary<string, Tensor> { ["w"] = torch.ones(3) },
            metadata: null, beforeCommit: _ => throw new IOException("simulated disk failure")));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(OldContent));
        Assert.That(FilesInFolder(), Is.EqualTo(new[] { "model.safetensors" }));
    }

    [Test]
    public void TensorThatThrowsKeepsTheOldFile()
    {
        using var scope = torch.NewDisposeScope();
        var disposed = torch.ones(2);
        disposed.Dispose();
        var tensors = new Dictionary<string, Tensor> { ["a"] = torch.ones(2), ["b"] = disposed };
        Assert.Catch<Exception>(() => SafeTensorsWriter.Write(path, tensors));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(OldContent));
        Assert.That(FilesInFolder(), Is.EqualTo(new[] { "model.safetensors" }));
    }

    [Test]
    public void UnsupportedDTypeKeepsTheOldFile()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor> { ["c"] = torch.zeros(2, dtype: ScalarType.ComplexFloat64) };
        Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Write(path, tensors));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(OldContent));
        Assert.That(FilesInFolder(), Is.EqualTo(new[] { "model.safetensors" }));
    }
}
