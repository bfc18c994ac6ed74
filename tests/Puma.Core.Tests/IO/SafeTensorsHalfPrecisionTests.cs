using NUnit.Framework;
using Puma.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.IO;

/// <summary>BR-35 · F16 and BF16 tensors (reference-cases.md): exact decoding of hand-written words.</summary>
public class SafeTensorsHalfPrecisionTests
{
    private static readonly ushort[] F16Words = { 0x3C00, 0x3555, 0xC000, 0x7BFF, 0x0001, 0x0400, 0x8000, 0x7C00, 0x7E00 };
    private static readonly ushort[] BF16Words = { 0x3F80, 0x3EAB, 0xC000, 0x4049, 0x7F7F, 0x0001, 0x8000, 0x7F80, 0x7FC0 };

    private string folder = "";
    private string path = "";

    [SetUp]
    public void WriteFile()
    {
        folder = SafeTensorsTestFiles.NewFolder();
        var json = "{\"bf16\":{\"dtype\":\"BF16\",\"shape\":[9],\"data_offsets\":[0,18]},"
                 + "\"f16\":{\"dtype\":\"F16\",\"shape\":[9],\"data_offsets\":[18,36]}}";
        path = SafeTensorsTestFiles.Write(folder, "half.safetensors", json,
            SafeTensorsTestFiles.Words(BF16Words).Concat(SafeTensorsTestFiles.Words(F16Words)).ToArray());
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test, Description("BR-35 · F16 and BF16 tensors: F16 → 1.0, 0.333251953125, −2.0, 65504.0, 2^−24, 2^−14, −0.0, +inf, NaN")]
    public void BR35_F16WordsDecodeExactlyToFloat32()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = SafeTensorsReader.Read(path);
        var f16 = tensors["f16"];
        Assert.That(f16.dtype, Is.EqualTo(ScalarType.Float32));
        var v = f16.data<float>().ToArray();
        Assert.That(v[..6], Is.EqualTo(new[] { 1.0f, 0.333251953125f, -2.0f, 65504.0f, (float)Math.Pow(2, -24), (float)Math.Pow(2, -14) }));
        Assert.That(BitConverter.SingleToUInt32Bits(v[6]), Is.EqualTo(0x80000000u), "−0.0 keeps its sign");
        Assert.That(float.IsPositiveInfinity(v[7]), Is.True);
        Assert.That(float.IsNaN(v[8]), Is.True);
    }

    [Test, Description("BR-35 · F16 and BF16 tensors: BF16 → 1.0, 0.333984375, −2.0, 3.140625, 3.3895314e38, 9.18355e−41, −0.0, +inf, NaN (exact: bits << 16)")]
    public void BR35_BF16WordsDecodeExactlyToFloat32()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = SafeTensorsReader.Read(path);
        var bf16 = tensors["bf16"];
        Assert.That(bf16.dtype, Is.EqualTo(ScalarType.Float32));
        var v = bf16.data<float>().ToArray();
        Assert.That(v[..6], Is.EqualTo(new[] { 1.0f, 0.333984375f, -2.0f, 3.140625f, 3.3895314e38f, 9.18355e-41f }));
        Assert.That(BitConverter.SingleToUInt32Bits(v[6]), Is.EqualTo(0x80000000u), "−0.0 keeps its sign");
        Assert.That(float.IsPositiveInfinity(v[7]), Is.True);
        Assert.That(float.IsNaN(v[8]), Is.True);
        Assert.That(v.Select(BitConverter.SingleToUInt32Bits), Is.EqualTo(BF16Words.Select(w => (uint)w << 16)), "BF16 is exactly bits << 16");
        Assert.That(v[0], Is.Not.EqualTo(1.875f), "BF16 read as F16 would give 1.875");
        Assert.That(v[1], Is.Not.EqualTo(1.6669922f), "BF16 read as F16 would give 1.6669922");
    }

    [Test, Description("BR-35: without the upcast the half-precision dtypes and their raw bits are kept")]
    public void BR35_WithoutUpcastTheRawBitsAreKept()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = SafeTensorsReader.Read(path, upcastHalfToFloat32: false);
        Assert.That(tensors["f16"].dtype, Is.EqualTo(ScalarType.Float16));
        Assert.That(tensors["bf16"].dtype, Is.EqualTo(ScalarType.BFloat16));
        Assert.That(tensors["f16"].bytes.ToArray(), Is.EqualTo(SafeTensorsTestFiles.Words(F16Words)));
        Assert.That(tensors["bf16"].bytes.ToArray(), Is.EqualTo(SafeTensorsTestFiles.Words(BF16Words)));
    }
}
