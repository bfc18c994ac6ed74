using NUnit.Framework;
using Puma.Data;

namespace Puma.Core.Tests.Data;

/// <summary>Files a user can hand the decoder by mistake: each fails early with an exception naming the file.</summary>
public class ImageDecoderBadInputTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = TestImages.NewTempFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Png => TestImages.RgbaPng(8, 6, TestImages.Solid(8, 6, 10, 20, 30));

    private static byte[] Jpeg => TestImages.Jpeg(16, 16, TestImages.Solid(16, 16, 200, 100, 50));

    [Test]
    public void EmptyFileNamesTheFile()
    {
        string path = Write("empty.png", []);
        var error = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path))!;
        Assert.That(error.Message, Does.Contain(path).And.Contain("0 bytes"));
    }

    [Test]
    public void TruncatedPngNamesTheFile()
    {
        byte[] png = Png;
        string path = Write("cut.png", png[..(png.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path))!;
        Assert.That(error.Message, Does.Contain(path));
    }

    [Test]
    public void TruncatedJpegNamesTheFile()
    {
        byte[] jpeg = Jpeg;
        string path = Write("cut.jpg", jpeg[..(jpeg.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path))!;
        Assert.That(error.Message, Does.Contain(path));
    }

    [Test]
    public void FolderInsteadOfAFileIsNotFound()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ImageDecoder.Decode(_folder))!;
        Assert.That(error.FileName, Is.EqualTo(_folder));
    }

    [Test]
    public void FileAboveMaxFileBytesIsRefusedBeforeReading()
    {
        string path = Path.Combine(_folder, "huge.png");
        using (var stream = File.Create(path))
        {
            stream.Write(Png);
            stream.SetLength(3L << 30); // sparse: 3 GiB claimed, almost nothing on disk
        }
        var error = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path))!;
        Assert.That(error.Message, Does.Contain(path).And.Contain("MaxFileBytes"));
    }

    [Test]
    public void InMemoryBytesAboveMaxFileBytesAreRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            ImageDecoder.Decode(Png, new ImageDecodeOptions { MaxFileBytes = 16 }, "upload-7"))!;
        Assert.That(error.Message, Does.Contain("upload-7").And.Contain("MaxFileBytes"));
    }

    [Test] // 100,000 × 100,000 (10 gigapixels, 40 GB as RGBA) declared in a file of about 60 bytes
    public void DecompressionBombIsRefusedBeforeAnyPixelBuffer()
    {
        string path = Write("bomb.png", TestImages.DeclaredSizePng(100_000, 100_000));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path))!;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(error.Message, Does.Contain(path).And.Contain("MaxSourcePixels").And.Contain("100000x100000"));
        Assert.That(allocated, Is.LessThan(1 << 20), "refused before allocating pixels");
    }

    [Test] // under the default 256 MP guard but above a lowered one, also with OversizeHandling.Downsample
    public void SourcePixelLimitAppliesWhateverTheOversizeHandling()
    {
        string path = Write("big.png", TestImages.RgbaPng(40, 40, TestImages.Solid(40, 40, 1, 2, 3)));
        var options = new ImageDecodeOptions { MaxPixels = 100, MaxSourcePixels = 1000, Oversize = OversizeHandling.Downsample };
        var error = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path, options))!;
        Assert.That(error.Message, Does.Contain("40x40").And.Contain("1,000"));
        Assert.That(ImageDecoder.Decode(path, options with { MaxSourcePixels = 1600 }).Width, Is.EqualTo(10), "at the limit it is downsampled");
    }

    [Test]
    public void ContradictoryLimitsAreRejected()
    {
        var options = new ImageDecodeOptions { MaxPixels = 1000, MaxSourcePixels = 999 };
        var error = Assert.Throws<ArgumentException>(() => ImageDecoder.Decode(Png, options))!;
        Assert.That(error.ParamName, Is.EqualTo("MaxSourcePixels"));
        Assert.That(error.Message, Does.Contain("MaxPixels"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageDecoder.Decode(Png, new ImageDecodeOptions { MaxFileBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageDecoder.Decode(Png, new ImageDecodeOptions { Alpha = (AlphaHandling)9 }));
    }

    [Test]
    public void TextWithAnImageExtensionNamesTheFormatsTried()
    {
        string path = Write("notes.jpg", "GIF89a is not enough to be a GIF"u8.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path))!;
        Assert.That(error.Message, Does.Contain(path));
    }
}
