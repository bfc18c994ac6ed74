using NUnit.Framework;
using Puma.IO;
using TorchSharp;

namespace Puma.Core.Tests.IO;

/// <summary>Malformed files must throw <see cref="InvalidDataException"/> naming the file and the offending key.</summary>
public class SafeTensorsCorruptionTests
{
    private const string ValidJson = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
    private static readonly byte[] EightBytes = new byte[8];

    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = SafeTensorsTestFiles.NewFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static void AssertInvalid(string path, string? key)
    {
        var onRead = Assert.Throws<InvalidDataException>(() => SafeTensorsReader.Read(path));
        var onHeader = Assert.Throws<InvalidDataException>(() => SafeTensorsReader.ReadHeader(path));
        foreach (var ex in new[] { onRead!, onHeader! })
        {
            Assert.That(ex.Message, Does.Contain(path));
            if (key is not null)
            {
                Assert.That(ex.Message, Does.Contain($"'{key}'"));
            }
        }
    }

    [Test]
    public void TheValidBaseFileReads()
    {
        using var scope = torch.NewDisposeScope();
        var path = SafeTensorsTestFiles.Write(folder, "ok.safetensors", ValidJson, new byte[] { 0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0 });
        Assert.That(SafeTensorsReader.Read(path)["a"].data<float>().ToArray(), Is.EqualTo(new[] { 1f, -2f }));
    }

    [Test]
    public void TruncatedDataSection()
    {
        var path = SafeTensorsTestFiles.Write(folder, "f.safetensors", ValidJson, new byte[4]);
        AssertInvalid(path, key: null);
    }

    [Test]
    public void TruncatedInsideTheHeader()
    {
        var full = SafeTensorsTestFiles.Write(folder, "full.safetensors", ValidJson, EightBytes);
        var path = Path.Combine(folder, "cut.safetensors");
        File.WriteAllBytes(path, File.ReadAllBytes(full)[..20]);
        AssertInvalid(path, key: null);
    }

    [Test]
    public void ShorterThanTheLengthPrefix()
    {
        var path = Path.Combine(folder, "tiny.safetensors");
        File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        AssertInvalid(path, key: null);
    }

    [Test]
    public void HeaderLengthBeyondTheLimit()
    {
        var path = SafeTensorsTestFiles.Write(folder, "huge.safetensors", ValidJson, EightBytes, declaredHeaderLength: 1UL << 40);
        AssertInvalid(path, key: null);
    }

    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", "a", TestName = "OffsetsPastTheEndOfTheData")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", "a", TestName = "OffsetsReversed")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", "a", TestName = "OffsetsNotAPair")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}}", "a", TestName = "OffsetsNegative")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", "a", TestName = "ShapeDisagreesWithByteCount")]
    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", "a", TestName = "ElementSizeDisagreesWithByteCount")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", "a", TestName = "NegativeDimension")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", "a", TestName = "FractionalDimension")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}", "a", TestName = "ShapeOverflows")]
    [TestCase("{\"a\":{\"dtype\":\"F8\",\"shape\":[8],\"data_offsets\":[0,8]}}", "a", TestName = "UnknownDType")]
    [TestCase("{\"a\":{\"dtype\":\"F32, I64\",\"shape\":[2],\"data_offsets\":[0,8]}}", "a", TestName = "DTypeListIsNotADType")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", "a", TestName = "MissingShape")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"extra\":1}}", "a", TestName = "UnexpectedField")]
    [TestCase("{\"a\":[1,2]}", "a", TestName = "EntryIsNotAnObject")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[2,6]}}", "b", TestName = "OverlappingTensors")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "a", TestName = "GapBeforeATensor")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", null, TestName = "TrailingBytesAfterTheLastTensor")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "a", TestName = "DuplicateKey")]
    [TestCase("{\"__metadata__\":{\"n\":1},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "n", TestName = "MetadataValueIsNotAString")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],", null, TestName = "BadJsonUnterminated")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],}}", null, TestName = "BadJsonTrailingComma")]
    [TestCase("not json at all", null, TestName = "BadJsonNotAnObject")]
    [TestCase("[1, 2, 3]", null, TestName = "BadJsonArrayRoot")]
    public void MalformedHeader(string json, string? key)
    {
        var path = SafeTensorsTestFiles.Write(folder, "h.safetensors", json, EightBytes);
        AssertInvalid(path, key);
    }

    [Test]
    public void BoolByteOtherThanZeroOrOne()
    {
        var path = SafeTensorsTestFiles.Write(folder, "b.safetensors",
            "{\"flags\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[] { 1, 2 });
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensorsReader.Read(path));
        Assert.That(ex!.Message, Does.Contain(path).And.Contain("'flags'"));
    }
}
