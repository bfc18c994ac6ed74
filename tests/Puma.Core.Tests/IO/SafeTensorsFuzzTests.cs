using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using CsCheck;
using NUnit.Framework;
using Puma.IO;
using Puma.Testing;
using TorchSharp;

namespace Puma.Core.Tests.IO;

/// <summary>
/// Property: any file ends in a valid header and tensors that agree with it, or in <see cref="InvalidDataException"/>;
/// never another exception, a hang or an allocation the file's size does not back (a header claiming a huge tensor is
/// refused before any tensor is allocated).
/// </summary>
public class SafeTensorsFuzzTests
{
    private static readonly string[] DTypes = ["F64", "F32", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL", "F8_E4M3", "f32", ""];

    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = SafeTensorsTestFiles.NewFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static int Size(string dtype) => dtype switch { "F64" or "I64" => 8, "F32" or "I32" => 4, "F16" or "BF16" or "I16" => 2, _ => 1 };

    /// <summary>One header entry: a tensor with a dtype, a shape (small or absurd) and offsets (consistent, random or absurd).</summary>
    private static readonly Gen<string> Entry =
        from name in Pick("a", "b", "c", "__metadata__")
        from dtype in Pick(DTypes)
        from shape in Gen.OneOf(Gen.Long[0, 4].Array[0, 3], Gen.Long[0, long.MaxValue].Array[1, 4])
        from begin in Gen.Long[0, 64]
        from length in Gen.OneOf(Gen.Const(-1L), Gen.Long[0, 64], Gen.Long[0, long.MaxValue])
        from style in Gen.Int[0, 9]
        select EntryJson(name, dtype, shape, begin, length, style);

    private static string EntryJson(string name, string dtype, long[] shape, long begin, long length, int style)
    {
        long bytes = length >= 0 ? length : unchecked(shape.Aggregate(1L, (p, d) => p * d) * Size(dtype));
        string shapeJson = "[" + string.Join(",", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
        string offsets = string.Create(CultureInfo.InvariantCulture, $"[{begin},{unchecked(begin + bytes)}]");
        return style switch
        {
            0 => $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":\"{shapeJson}\",\"data_offsets\":{offsets}}}", // shape as a string
            1 => $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shapeJson}}}",                                 // no offsets
            2 => $"\"{name}\":{{\"dtype\":{dtype.Length},\"shape\":{shapeJson},\"data_offsets\":{offsets},\"x\":1}}",
            3 => $"\"{name}\":[1,2,3]",
            4 => $"\"{name}\":{{\"k\":\"v\",\"dtype\":\"{dtype}\"}}",
            _ => $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shapeJson},\"data_offsets\":{offsets}}}",
        };
    }

    private static readonly Gen<(string Json, byte[] Data, ulong? Prefix)> StructuredFiles =
        from entries in Entry.Array[0, 4]
        from data in Gen.Byte.Array[0, 96]
        from prefix in Gen.Frequency((9, Gen.Const((ulong?)null)), (1, Gen.ULong.Select(v => (ulong?)v)))
        from truncateJson in Gen.Int[0, 12]
        select (Truncate("{" + string.Join(",", entries) + "}", truncateJson), data, prefix);

    private static string Truncate(string json, int cut) => cut < 10 ? json : json[..(json.Length * (12 - cut) / 3)];

    /// <summary>A valid file of 1–3 small tensors tiling the data section exactly.</summary>
    private static byte[] ValidFile()
    {
        string json = "{\"__metadata__\":{\"format\":\"fuzz\"}," +
                      "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}," +
                      "\"m\":{\"dtype\":\"BOOL\",\"shape\":[4],\"data_offsets\":[24,28]}," +
                      "\"h\":{\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[28,30]}}";
        byte[] header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + 30];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        for (int i = 0; i < 24; i++) bytes[8 + header.Length + i] = (byte)(i * 11);
        bytes[8 + header.Length + 25] = 1;
        bytes[8 + header.Length + 29] = 0x3C;
        return bytes;
    }

    private void ReadsOrRefuses(byte[] bytes)
    {
        string path = Path.Combine(folder, "fuzz.safetensors");
        File.WriteAllBytes(path, bytes);
        long tensorsBefore = torch.Tensor.TotalCount;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        SafeTensorsHeader? header = null;
        Dictionary<string, torch.Tensor>? tensors = null;
        bool ok = Outcome.CompletesOrThrows(() =>
        {
            header = SafeTensorsReader.ReadHeader(path);
            tensors = SafeTensorsReader.Read(path);
        }, Outcome.Describe(bytes), typeof(InvalidDataException));
        Assert.That(GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore, Is.LessThan((16L << 20) + (bytes.Length * 16L)),
            "allocation backed by the file's size");
        if (ok)
        {
            Assert.That(tensors!.Keys.Order(StringComparer.Ordinal), Is.EqualTo(header!.Tensors.Select(t => t.Name)));
            foreach (var info in header.Tensors)
            {
                Assert.That(info.ElementCount * info.DType.ElementSize(), Is.EqualTo(info.ByteCount), info.Name);
                Assert.That(tensors[info.Name].shape, Is.EqualTo(info.Shape.ToArray()), info.Name);
            }
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
        Assert.That(torch.Tensor.TotalCount, Is.LessThanOrEqualTo(tensorsBefore), "no tensor left alive on either path");
    }

    private static byte[] FileBytes((string Json, byte[] Data, ulong? Prefix) file)
    {
        byte[] header = Encoding.UTF8.GetBytes(file.Json);
        var bytes = new byte[8 + header.Length + file.Data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, file.Prefix ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        file.Data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    [Test]
    public void TheValidBaseFileReads()
    {
        byte[] bytes = ValidFile();
        string path = Path.Combine(folder, "valid.safetensors");
        File.WriteAllBytes(path, bytes);
        var tensors = SafeTensorsReader.Read(path);
        Assert.That(tensors.Keys.Order(), Is.EqualTo(new[] { "h", "m", "w" }));
        Assert.That(tensors["h"].item<float>(), Is.EqualTo(1f), "F16 0x3C00 = 1");
        foreach (var tensor in tensors.Values) tensor.Dispose();
    }

    [Test] // found by BitFlipsAndTruncationsOfAValidFile: System.Text.Json let invalid UTF-8 through to GetString
    public void InvalidUtf8InsideAStringIsInvalidData()
    {
        byte[] bytes = ValidFile();
        int at = bytes.AsSpan().IndexOf("fuzz"u8);
        bytes[at] = 0xF4;
        string path = Path.Combine(folder, "utf8.safetensors");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsReader.ReadHeader(path))!;
        Assert.That(error.Message, Does.Contain(path).And.Contain("not valid UTF-8").And.Contain($"at byte {at}"));
    }

    [Test]
    public void StructuredRandomHeaders() =>
        StructuredFiles.Sample(file => ReadsOrRefuses(FileBytes(file)), iter: Outcome.Iterations, threads: 1,
            print: f => $"{f.Json} + {f.Data.Length} data bytes, prefix {f.Prefix?.ToString(CultureInfo.InvariantCulture) ?? "exact"}");

    [Test]
    public void RandomBytes() =>
        Gen.Byte.Array[0, 256].Sample(ReadsOrRefuses, iter: Outcome.Iterations, threads: 1, print: Outcome.Describe);

    [Test]
    public void BitFlipsAndTruncationsOfAValidFile()
    {
        byte[] valid = ValidFile();
        Gen.Int[0, (valid.Length * 8) - 1].Array[0, 6].SelectMany(bits => Gen.Int[1, valid.Length].Select(length => (bits, length)))
            .Sample(mutation =>
            {
                byte[] bytes = (byte[])valid.Clone();
                foreach (int bit in mutation.bits) bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                ReadsOrRefuses(bytes[..mutation.length]);
            }, iter: Outcome.Iterations, threads: 1, print: m => $"flip bits [{string.Join(",", m.bits)}], keep {m.length} bytes");
    }

    [Test] // the length prefix alone may claim up to 2^64 − 1 bytes of header
    public void HugeClaimsAreRefusedWithoutAllocating() =>
        Gen.ULong.SelectMany(prefix => Gen.Long[1, long.MaxValue].Select(dim => (prefix, dim)))
            .Sample(claim =>
            {
                string json = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"t\":{{\"dtype\":\"F32\",\"shape\":[{claim.dim}],\"data_offsets\":[0,{(claim.dim > long.MaxValue / 4 ? long.MaxValue : claim.dim * 4)}]}}}}");
                ReadsOrRefuses(FileBytes((json, new byte[16], claim.prefix % 3 == 0 ? claim.prefix : null)));
            }, iter: Outcome.Iterations, threads: 1);
}
