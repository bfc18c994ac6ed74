using System.Buffers.Binary;
using System.Text;
using NUnit.Framework;
using Puma.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.IO;

/// <summary>.npy arrays written byte by byte (format of numpy.lib.format), independently of the reader.</summary>
public class NpyReaderTests
{
    private static MemoryStream Npy(string header, byte[] data, int major = 1)
    {
        var text = Encoding.ASCII.GetBytes(header + "\n");
        var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        var length = new byte[major == 1 ? 2 : 4];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)text.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)text.Length);
        stream.Write(length);
        stream.Write(text);
        stream.Write(data);
        stream.Position = 0;
        return stream;
    }

    private static byte[] Floats(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    [Test]
    public void ReadsACOrderFloat32Array()
    {
        using var stream = Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", Floats(1, 2, 3, 4, 5, 6));
        using var t = NpyReader.Read(stream, "a");
        Assert.That(t.shape, Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(t.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(t[1, 0].item<float>(), Is.EqualTo(4f));
    }

    [Test]
    public void ReadsAFortranOrderArrayInItsLogicalLayout()
    {
        // Column-major storage of [[1, 2, 3], [4, 5, 6]].
        using var stream = Npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", Floats(1, 4, 2, 5, 3, 6), major: 2);
        using var t = NpyReader.Read(stream, "f");
        Assert.That(t.shape, Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(t.contiguous().data<float>().ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void UpcastsFloat16AndReadsScalars()
    {
        using var half = Npy("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", [0x00, 0x3C, 0x00, 0xC0]);
        using var h = NpyReader.Read(half, "h");
        Assert.That(h.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(h.data<float>().ToArray(), Is.EqualTo(new[] { 1f, -2f }));
        using var scalar = Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", BitConverter.GetBytes(2.5));
        using var s = NpyReader.Read(scalar, "s");
        Assert.That(s.shape, Is.Empty);
        Assert.That(s.item<double>(), Is.EqualTo(2.5));
    }

    [Test]
    public void RejectsBigEndianTruncatedAndForeignData()
    {
        using var big = Npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", Floats(1));
        Assert.That(Assert.Throws<InvalidDataException>(() => NpyReader.Read(big, "big"))!.Message, Does.Contain("'>f4'").And.Contain("big"));
        using var cut = Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", Floats(1, 2));
        Assert.That(Assert.Throws<InvalidDataException>(() => NpyReader.Read(cut, "cut"))!.Message, Does.Contain("truncated"));
        using var foreign = new MemoryStream(Encoding.ASCII.GetBytes("PK\u0003\u0004 not numpy"));
        Assert.That(Assert.Throws<InvalidDataException>(() => NpyReader.Read(foreign, "zip"))!.Message, Does.Contain("magic"));
    }
}
