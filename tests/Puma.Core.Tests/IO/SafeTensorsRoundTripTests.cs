using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using Puma.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.IO;

public class SafeTensorsRoundTripTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = SafeTensorsTestFiles.NewFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static Dictionary<string, Tensor> SampleTensors()
    {
        var f16 = torch.empty(new long[] { 2, 2 }, dtype: ScalarType.Float16);
        f16.bytes = SafeTensorsTestFiles.Words(0x3C00, 0x0001, 0x7BFF, 0xFE00);
        return new Dictionary<string, Tensor>
        {
            ["zeta.f32"] = torch.tensor(new[] { 1.5f, -0.0f, float.Epsilon, float.MaxValue, 3.25f, -7f }).reshape(2, 3),
            ["alpha.f64"] = torch.tensor(new[] { Math.PI, -1e-300, double.MaxValue }),
            ["mid.i64"] = torch.tensor(new[] { long.MinValue, -1L, 0L, long.MaxValue }).reshape(1, 4),
            ["half.f16"] = f16,
            ["flags.bool"] = torch.tensor(new[] { true, false, true }),
            ["scalar.i32"] = torch.tensor(-42),
            ["empty.f32"] = torch.zeros(0, 3),
        };
    }

    [Test]
    public void RoundTripKeepsDTypesShapesBitsAndMetadata()
    {
        using var scope = torch.NewDisposeScope();
        var original = SampleTensors();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "quote \" and ü" };
        var path = Path.Combine(folder, "round.safetensors");

        SafeTensorsWriter.Write(path, original, metadata);
        var loaded = SafeTensorsReader.Read(path, upcastHalfToFloat32: false);

        Assert.That(loaded.Keys, Is.EquivalentTo(original.Keys));
        foreach (var (name, tensor) in original)
        {
            Assert.That(loaded[name].dtype, Is.EqualTo(tensor.dtype), name);
            Assert.That(loaded[name].shape, Is.EqualTo(tensor.shape), name);
            Assert.That(loaded[name].bytes.ToArray(), Is.EqualTo(tensor.bytes.ToArray()), name);
        }
        Assert.That(SafeTensorsReader.ReadHeader(path).Metadata, Is.EqualTo(metadata));
    }

    [Test]
    public void HeaderIsEightByteAlignedAndKeysAreSortedByName()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(folder, "sorted.safetensors");
        SafeTensorsWriter.Write(path, SampleTensors(), new Dictionary<string, string> { ["k"] = "v" });

        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.That(headerLength % 8, Is.Zero);
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength));
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(keys, Is.EqualTo(new[] { "__metadata__", "alpha.f64", "empty.f32", "flags.bool", "half.f16", "mid.i64", "scalar.i32", "zeta.f32" }));
        var firstOffsets = json.RootElement.GetProperty("alpha.f64").GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64());
        Assert.That(firstOffsets, Is.EqualTo(new[] { 0L, 24L }));
    }

    [Test]
    public void EqualInputsGiveIdenticalFilesWhateverTheInsertionOrder()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = SampleTensors();
        var reversed = tensors.Reverse().ToDictionary(p => p.Key, p => p.Value);
        var first = Path.Combine(folder, "a.safetensors");
        var second = Path.Combine(folder, "b.safetensors");
        SafeTensorsWriter.Write(first, tensors);
        SafeTensorsWriter.Write(second, reversed);
        Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)));
    }

    [Test]
    public void NonContiguousTensorsAreWrittenInLogicalOrder()
    {
        using var scope = torch.NewDisposeScope();
        var matrix = torch.tensor(new[] { 1f, 2f, 3f, 4f, 5f, 6f }).reshape(2, 3);
        var path = Path.Combine(folder, "t.safetensors");
        SafeTensorsWriter.Write(path, new Dictionary<string, Tensor> { ["t"] = matrix.t() });
        var loaded = SafeTensorsReader.Read(path)["t"];
        Assert.That(loaded.shape, Is.EqualTo(new long[] { 3, 2 }));
        Assert.That(loaded.data<float>().ToArray(), Is.EqualTo(new[] { 1f, 4f, 2f, 5f, 3f, 6f }));
    }

    [Test]
    public void ReadHeaderListsNamesDTypesAndShapesWithoutLoadingData()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(folder, "h.safetensors");
        SafeTensorsWriter.Write(path, SampleTensors());
        var header = SafeTensorsReader.ReadHeader(path);
        var mid = header.Tensors.Single(t => t.Name == "mid.i64");
        Assert.That(mid.DType, Is.EqualTo(SafeTensorsDType.I64));
        Assert.That(mid.Shape, Is.EqualTo(new long[] { 1, 4 }));
        Assert.That(mid.ByteCount, Is.EqualTo(32));
        Assert.That(header.Tensors.Select(t => t.Name), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(header.Metadata, Is.Empty);
    }

    [Test]
    public void UnsupportedDTypeAndReservedNameAreRejected()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(folder, "bad.safetensors");
        var complex = torch.zeros(2, dtype: ScalarType.ComplexFloat32);
        var ex = Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Write(path, new Dictionary<string, Tensor> { ["c"] = complex }));
        Assert.That(ex!.Message, Does.Contain("'c'"));
        Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Write(path, new Dictionary<string, Tensor> { ["__metadata__"] = torch.zeros(1) }));
        Assert.That(File.Exists(path), Is.False);
    }
}
