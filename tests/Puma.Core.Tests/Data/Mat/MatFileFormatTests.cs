using System.IO.Compression;
using NUnit.Framework;
using Puma.Data.Mat;

namespace Puma.Core.Tests.Data.Mat;

/// <summary>Byte-level cases written by hand: both byte orders, small elements, storage types narrower than the class,
/// compression, and the files the reader must reject with a clear message.</summary>
public class MatFileFormatTests
{
    private static MatFile Parse(byte[] bytes) => MatFile.Read(new MemoryStream(bytes), "test.mat");

    [TestCase(false)]
    [TestCase(true)]
    public void BothByteOrdersDecodeTheSameValues(bool bigEndian)
    {
        var w = new MatTestWriter(bigEndian);
        byte[] bytes = MatTestWriter.Concat(
            w.Header(),
            // A 2x2 double matrix stored as int16 (MATLAB narrows integer-valued doubles this way).
            w.Matrix(6, [2, 2], "m", w.Element(3, w.I16(1, -2, 300, 4))),
            // A double scalar: 8-byte data, name longer than 4 bytes.
            w.Matrix(6, [1, 1], "scalar", w.Element(9, w.F64(0.25))),
            // A string stored as UTF-16 code units (miUINT16), as MATLAB writes it.
            w.Matrix(4, [1, 3], "txt", w.Element(4, w.I16((short)'a', (short)'b', (short)'c'))));
        var file = Parse(bytes);
        Assert.That(file.Numbers("m"), Is.EqualTo(new[] { 1.0, -2, 300, 4 }));
        Assert.That(file.Numbers("scalar"), Is.EqualTo(new[] { 0.25 }));
        Assert.That(file.Get<MatCharArray>("txt").Text, Is.EqualTo("abc"));
    }

    [Test]
    public void CompressedElementIsInflated()
    {
        var w = new MatTestWriter(false);
        byte[] matrix = w.Matrix(6, [1, 2], "z", w.Element(9, w.F64(3, 4)));
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(matrix);
        }
        byte[] data = packed.ToArray();
        byte[] tag = w.U32(15, (uint)data.Length);
        var file = Parse(MatTestWriter.Concat(w.Header(), tag, data, w.Matrix(6, [1, 1], "after", w.Element(9, w.F64(5)))));
        Assert.That(file.Numbers("z"), Is.EqualTo(new[] { 3.0, 4 }));
        Assert.That(file.Numbers("after"), Is.EqualTo(new[] { 5.0 }));
    }

    [Test]
    public void HdfVersionIsRejectedByName()
    {
        var w = new MatTestWriter(false);
        var ex = Assert.Throws<NotSupportedException>(() => Parse(w.Header("MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00")));
        Assert.That(ex!.Message, Does.Contain("v7.3").And.Contain("test.mat"));
    }

    [Test]
    public void FileWithoutEndianIndicatorIsRejected()
    {
        byte[] bytes = new MatTestWriter(false).Header();
        bytes[126] = (byte)'X';
        var ex = Assert.Throws<InvalidDataException>(() => Parse(bytes));
        Assert.That(ex!.Message, Does.Contain("not a level-5 MAT-file"));
    }

    [Test]
    public void ShortFileIsRejected() =>
        Assert.That(Assert.Throws<InvalidDataException>(() => Parse(new byte[40]))!.Message, Does.Contain("too short"));

    [Test]
    public void TruncatedElementIsRejected()
    {
        var w = new MatTestWriter(false);
        byte[] bytes = MatTestWriter.Concat(w.Header(), w.Matrix(6, [1, 4], "v", w.Element(9, w.F64(1, 2, 3, 4))));
        var ex = Assert.Throws<InvalidDataException>(() => Parse(bytes[..^10]));
        Assert.That(ex!.Message, Does.Contain("truncated").And.Contain("test.mat"));
    }

    [Test]
    public void ElementCountMustMatchTheDimensions()
    {
        var w = new MatTestWriter(false);
        byte[] bytes = MatTestWriter.Concat(w.Header(), w.Matrix(6, [2, 2], "v", w.Element(9, w.F64(1, 2, 3))));
        var ex = Assert.Throws<InvalidDataException>(() => Parse(bytes));
        Assert.That(ex!.Message, Does.Contain("'v'").And.Contain("4 elements"));
    }

    [Test]
    public void SparseAndComplexArraysAreRejectedByName()
    {
        var w = new MatTestWriter(false);
        var sparse = Assert.Throws<NotSupportedException>(() => Parse(MatTestWriter.Concat(w.Header(), w.Matrix(5, [2, 2], "sp"))));
        Assert.That(sparse!.Message, Does.Contain("'sp'").And.Contain("Sparse"));

        byte[] body = MatTestWriter.Concat(
            w.Element(6, w.U32(6 | 0x0800, 0)), w.Element(5, w.U32(1, 1)), w.Small(1, "c"u8.ToArray()),
            w.Element(9, w.F64(1)), w.Element(9, w.F64(2)));
        var complex = Assert.Throws<NotSupportedException>(() => Parse(MatTestWriter.Concat(w.Header(), w.Element(14, body))));
        Assert.That(complex!.Message, Does.Contain("'c'").And.Contain("complex"));
    }

    [TestCase("types-v6.mat")]
    [TestCase("types-v7.mat")]
    public void DamagedFilesFailWithAClearException(string fixture)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(Puma.Testing.Fixtures.Directory, "mat", fixture));
        var random = new Random(7);
        var damaged = new List<byte[]>();
        for (int cut = 129; cut < original.Length; cut += 53)
        {
            damaged.Add(original[..cut]);
        }
        for (int i = 0; i < 300; i++)
        {
            byte[] copy = (byte[])original.Clone();
            copy[random.Next(128, copy.Length)] ^= (byte)(1 << random.Next(8));
            damaged.Add(copy);
        }
        foreach (byte[] bytes in damaged)
        {
            try
            {
                Parse(bytes);
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException)
            {
                Assert.That(e.Message, Does.Contain("test.mat"));
            }
        }
    }

    [Test]
    public void CellCountBeyondTheFileIsRejectedBeforeAllocating()
    {
        var w = new MatTestWriter(false);
        var ex = Assert.Throws<InvalidDataException>(() => Parse(MatTestWriter.Concat(w.Header(), w.Matrix(1, [40000, 40000], "huge"))));
        Assert.That(ex!.Message, Does.Contain("'huge'").And.Contain("1600000000 elements"));
    }

    [Test]
    public void MissingFileIsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), "puma-no-such-file.mat");
        var ex = Assert.Throws<FileNotFoundException>(() => MatFile.Read(path));
        Assert.That(ex!.FileName, Is.EqualTo(path));
    }
}
