using System.IO.Compression;
using NUnit.Framework;
using Puma.Cli.OfflineBenchmark;

namespace Puma.Cli.Tests.OfflineBenchmark;

public class IdxReaderTests
{
    /// <summary>Two 2×3 images, values 1..12, written by hand: magic 00 00 08 03, sizes 2, 2, 3 (big-endian).</summary>
    private static readonly byte[] TwoImages =
    [
        0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ];

    private static IdxArray Read(byte[] bytes) => IdxReader.Read(new MemoryStream(bytes), "fixture.idx");

    [Test]
    public void AHandWrittenFileGivesItsDimensionsAndItems()
    {
        IdxArray array = Read(TwoImages);
        Assert.That(array.Dimensions, Is.EqualTo(new[] { 2, 2, 3 }));
        Assert.That((array.Count, array.ItemLength), Is.EqualTo((2, 6)));
        Assert.That(array.Item(1), Is.EqualTo(new byte[] { 7, 8, 9, 10, 11, 12 }));
    }

    [Test]
    public void LabelsAreAOneDimensionalFile()
    {
        IdxArray labels = Read([0, 0, 8, 1, 0, 0, 1, 0, .. Enumerable.Range(0, 256).Select(i => (byte)i)]);
        Assert.That(labels.Dimensions, Is.EqualTo(new[] { 256 }));
        Assert.That(labels.Values[255], Is.EqualTo(255));
    }

    [Test]
    public void AGzipFileIsDecompressedFirst()
    {
        string path = Path.Combine(Path.GetTempPath(), $"puma-idx-{Guid.NewGuid():N}.gz");
        try
        {
            using (var file = File.Create(path))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                gzip.Write(TwoImages);
            }
            Assert.That(IdxReader.ReadGzipFile(path).Item(0), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5, 6 }));
            File.WriteAllBytes(path, TwoImages); // not gzip at all
            Assert.That(() => IdxReader.ReadGzipFile(path), Throws.TypeOf<InvalidDataException>().With.Message.Contains(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase(new byte[] { 0, 0, 8 }, "truncated", TestName = "A header cut short is truncated")]
    [TestCase(new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0 }, "truncated", TestName = "A dimension cut short is truncated")]
    [TestCase(new byte[] { 0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3 }, "truncated", TestName = "Missing values are truncated")]
    [TestCase(new byte[] { 0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3 }, "bytes after", TestName = "Extra values are refused")]
    [TestCase(new byte[] { 0, 0, 13, 1, 0, 0, 0, 1, 0, 0, 0, 0 }, "magic 00000D01", TestName = "A float IDX file is refused by its magic")]
    [TestCase(new byte[] { 8, 3, 0, 0, 0, 0, 0, 1 }, "magic", TestName = "A file without the zero prefix is refused by its magic")]
    [TestCase(new byte[] { 0, 0, 8, 0 }, "magic", TestName = "Zero dimensions are refused")]
    [TestCase(new byte[] { 0, 0, 8, 1, 0, 0, 0, 0 }, "empty", TestName = "A size of zero is refused")]
    [TestCase(new byte[] { 0, 0, 8, 2, 0, 1, 0, 0, 0, 1, 0, 0 }, "more than 2147483647", TestName = "Sizes whose product overflows are refused")]
    [TestCase(new byte[] { 0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFF }, "4294967295", TestName = "A size beyond int is refused")]
    public void BadInputIsRefusedNamingTheFile(byte[] bytes, string reason)
    {
        Assert.That(() => Read(bytes), Throws.TypeOf<InvalidDataException>()
            .With.Message.Contains("fixture.idx").And.Message.Contains(reason));
    }
}
