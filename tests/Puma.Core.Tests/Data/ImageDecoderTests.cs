using NUnit.Framework;
using Puma.Data;
using SkiaSharp;

namespace Puma.Core.Tests.Data;

public class ImageDecoderTests
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

    private static (byte, byte, byte)[] Row(RgbImage image) =>
        Enumerable.Range(0, image.Width).Select(x => image.GetPixel(x, 0)).Select(p => (p.R, p.G, p.B)).ToArray();

    [Test] // BR-27: decoded bytes are RGB on every platform, never the platform's BGRA
    public void OrangePngDecodesAsRgb()
    {
        string path = Write("orange.png", TestImages.RgbaPng(2, 2, TestImages.Solid(2, 2, 255, 128, 0)));
        RgbImage image = ImageDecoder.Decode(path);
        Assert.That((image.Width, image.Height), Is.EqualTo((2, 2)));
        Assert.That(image.Pixels, Is.EqualTo(Enumerable.Repeat(new byte[] { 255, 128, 0 }, 4).SelectMany(p => p).ToArray()));
    }

    [Test] // BR-27: a Bgra8888 and an Rgba8888 bitmap of the same picture give the same RGB bytes
    public void BgraAndRgbaBitmapsConvertIdentically()
    {
        var colors = new[] { new SKColor(255, 128, 0), new SKColor(10, 20, 30), new SKColor(0, 0, 255), new SKColor(200, 100, 50) };
        RgbImage Convert(SKColorType type)
        {
            using var bitmap = new SKBitmap(new SKImageInfo(2, 2, type, SKAlphaType.Premul));
            for (int i = 0; i < 4; i++)
            {
                bitmap.SetPixel(i % 2, i / 2, colors[i]);
            }
            return ImageDecoder.FromBitmap(bitmap);
        }
        RgbImage bgra = Convert(SKColorType.Bgra8888), rgba = Convert(SKColorType.Rgba8888);
        Assert.That(bgra.Pixels, Is.EqualTo(rgba.Pixels));
        Assert.That(bgra.GetPixel(0, 0), Is.EqualTo(((byte)255, (byte)128, (byte)0)));
        Assert.That(bgra.GetPixel(0, 1), Is.EqualTo(((byte)0, (byte)0, (byte)255)));
    }

    private static readonly byte[] TranslucentRow = [255, 0, 0, 128, 0, 255, 0, 0, 208, 208, 129, 13];

    [TestCase(AlphaHandling.CompositeOnWhite, 255, 127, 127, 255, 255, 255, 253, 253, 249)]
    [TestCase(AlphaHandling.CompositeOnBlack, 128, 0, 0, 0, 0, 0, 11, 11, 7)]
    [TestCase(AlphaHandling.DropAlpha, 255, 0, 0, 0, 255, 0, 208, 208, 129)]
    public void TranslucentPixelsFollowTheAlphaHandling(AlphaHandling alpha, params int[] expected) // BR-29
    {
        string path = Write("alpha.png", TestImages.RgbaPng(3, 1, TranslucentRow));
        RgbImage image = ImageDecoder.Decode(path, new ImageDecodeOptions { Alpha = alpha });
        Assert.That(image.Pixels.Select(b => (int)b).ToArray(), Is.EqualTo(expected));
    }

    [TestCase(AlphaHandling.CompositeOnWhite, 255, 255, 255, 255, 0, 0)]
    [TestCase(AlphaHandling.CompositeOnBlack, 0, 0, 0, 255, 0, 0)]
    [TestCase(AlphaHandling.DropAlpha, 0, 255, 0, 255, 0, 0)]
    public void PaletteTransparencyFollowsTheAlphaHandling(AlphaHandling alpha, params int[] expected) // BR-29
    {
        byte[] png = TestImages.RawPng(2, 1, colorType: 3, bitDepth: 8, samples: [0, 1],
            palette: [0, 255, 0, 255, 0, 0], transparency: [0, 255]);
        RgbImage image = ImageDecoder.Decode(png, new ImageDecodeOptions { Alpha = alpha });
        Assert.That(image.Pixels.Select(b => (int)b).ToArray(), Is.EqualTo(expected));
    }

    [Test] // BR-28 (a): 16-bit gray keeps its scale (high byte or rounded), three equal channels
    public void SixteenBitGrayBecomesEightBitRgb()
    {
        RgbImage image = ImageDecoder.Decode(TestImages.RawPng(4, 1, 0, 16, [0, 1000, 40000, 65535]));
        var row = Row(image);
        Assert.That(row.Select(p => p.Item1), Is.EqualTo(row.Select(p => p.Item2)));
        Assert.That(row.Select(p => p.Item1), Is.EqualTo(row.Select(p => p.Item3)));
        Assert.That(row[0].Item1, Is.EqualTo(0));
        Assert.That(row[1].Item1, Is.InRange(3, 4));
        Assert.That(row[2].Item1, Is.EqualTo(156));
        Assert.That(row[3].Item1, Is.EqualTo(255));
    }

    [Test] // BR-28 (b)
    public void SixteenBitRgbBecomesEightBit()
    {
        RgbImage image = ImageDecoder.Decode(TestImages.RawPng(2, 1, 2, 16, [40000, 1000, 65535, 0, 32768, 65535]));
        int[] expected = [156, 3, 255, 0, 128, 255];
        for (int i = 0; i < 6; i++)
        {
            Assert.That((int)image.Pixels[i], Is.EqualTo(expected[i]).Within(1), $"sample {i}");
        }
    }

    [Test] // BR-28 (c)
    public void EightBitGrayBecomesThreeEqualChannels()
    {
        RgbImage image = ImageDecoder.Decode(TestImages.RawPng(2, 1, 0, 8, [100, 200]));
        Assert.That(image.Pixels, Is.EqualTo(new byte[] { 100, 100, 100, 200, 200, 200 }));
    }

    [Test] // BR-28 (d) and (e): content sniffing, then one batch of mixed inputs
    public void PngNamedJpgIsSniffedAndMixedInputsStack()
    {
        string fakeJpg = Write("really-a-png.jpg", TestImages.RgbaPng(3, 1, TranslucentRow));
        RgbImage sniffed = ImageDecoder.Decode(fakeJpg);
        Assert.That(sniffed.Pixels.Take(3), Is.EqualTo(new byte[] { 255, 127, 127 }));

        RgbImage[] batch =
        [
            ImageDecoder.Decode(TestImages.RawPng(4, 1, 0, 16, [0, 1000, 40000, 65535])),
            ImageDecoder.Decode(TestImages.RawPng(2, 1, 2, 16, [40000, 1000, 65535, 0, 32768, 65535])),
            ImageDecoder.Decode(TestImages.RawPng(2, 1, 0, 8, [100, 200])),
            sniffed,
            ImageDecoder.Decode(TestImages.Jpeg(16, 8, TestImages.Solid(16, 8, 30, 60, 90))),
        ];
        using var tensor = ImageTensors.ToTensor(batch.Select(i => ImageResizer.ResizeSquare(i, 224)).ToArray());
        Assert.That(tensor.shape, Is.EqualTo(new long[] { 5, 3, 224, 224 }));
    }

    // BR-26: stored 64×32, quadrants TL red, TR green, BL blue, BR white; upright quadrants per tag.
    [TestCase(1, 64, 32, "RGBW")]
    [TestCase(2, 64, 32, "GRWB")]
    [TestCase(3, 64, 32, "WBGR")]
    [TestCase(4, 64, 32, "BWRG")]
    [TestCase(5, 32, 64, "RBGW")]
    [TestCase(6, 32, 64, "BRWG")]
    [TestCase(7, 32, 64, "WGBR")]
    [TestCase(8, 32, 64, "GWRB")]
    public void ExifOrientationIsAppliedByDefault(int tag, int width, int height, string quadrants)
    {
        string path = Write($"tag{tag}.jpg", TestImages.WithExifOrientation(QuadrantJpeg(), tag));
        RgbImage image = ImageDecoder.Decode(path);
        Assert.That((image.Width, image.Height), Is.EqualTo((width, height)));
        AssertQuadrants(image, quadrants);
    }

    [Test] // BR-26: the option for Pillow/torchvision parity keeps the stored layout
    public void ExifOrientationCanBeIgnored()
    {
        byte[] jpeg = TestImages.WithExifOrientation(QuadrantJpeg(), 6);
        RgbImage image = ImageDecoder.Decode(jpeg, new ImageDecodeOptions { ApplyExifOrientation = false });
        Assert.That((image.Width, image.Height), Is.EqualTo((64, 32)));
        AssertQuadrants(image, "RGBW");
    }

    private static byte[] QuadrantJpeg()
    {
        var rgba = new byte[64 * 32 * 4];
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                (byte r, byte g, byte b) = (x < 32, y < 16) switch
                {
                    (true, true) => ((byte)255, (byte)0, (byte)0),
                    (false, true) => ((byte)0, (byte)255, (byte)0),
                    (true, false) => ((byte)0, (byte)0, (byte)255),
                    _ => ((byte)255, (byte)255, (byte)255),
                };
                int i = (y * 64 + x) * 4;
                (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (r, g, b, 255);
            }
        }
        return TestImages.Jpeg(64, 32, rgba);
    }

    private static void AssertQuadrants(RgbImage image, string quadrants)
    {
        int w = image.Width, h = image.Height;
        (int X, int Y)[] centres = [(w / 4, h / 4), (3 * w / 4, h / 4), (w / 4, 3 * h / 4), (3 * w / 4, 3 * h / 4)];
        for (int q = 0; q < 4; q++)
        {
            (int r, int g, int b) expected = quadrants[q] switch
            {
                'R' => (255, 0, 0),
                'G' => (0, 255, 0),
                'B' => (0, 0, 255),
                _ => (255, 255, 255),
            };
            var (pr, pg, pb) = image.GetPixel(centres[q].X, centres[q].Y);
            Assert.That(Math.Abs(pr - expected.r) <= 8 && Math.Abs(pg - expected.g) <= 8 && Math.Abs(pb - expected.b) <= 8,
                $"quadrant {q}: expected {quadrants[q]} {expected}, got ({pr}, {pg}, {pb})");
        }
    }

    [Test]
    public void UndecodableFileNamesTheFile()
    {
        string path = Write("broken.png", "definitely not an image"u8.ToArray());
        var ex = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path));
        Assert.That(ex!.Message, Does.Contain(path));
    }

    [Test]
    public void MissingFileThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => ImageDecoder.Decode(Path.Combine(_folder, "none.png")));

    [Test] // 8×8 PNG with columns alternating 0/100, limit 16 px: factor 2 block average → 4×4 of 50
    public void OversizedPngIsBoxDownsampled()
    {
        int[] samples = Enumerable.Range(0, 64).Select(i => i % 2 == 0 ? 0 : 100).ToArray();
        RgbImage image = ImageDecoder.Decode(TestImages.RawPng(8, 8, 0, 8, samples), new ImageDecodeOptions { MaxPixels = 16 });
        Assert.That((image.Width, image.Height), Is.EqualTo((4, 4)));
        Assert.That(image.Pixels, Is.All.EqualTo(50));
    }

    [Test] // 9×9 with limit 9: factor 3 → 3×3; odd sizes average partial blocks correctly
    public void OversizedPngWithPartialBlocksAveragesWhatIsThere()
    {
        int[] samples = Enumerable.Range(0, 49).Select(i => i % 7 == 6 ? 210 : 0).ToArray(); // 7×7, last column 210
        RgbImage image = ImageDecoder.Decode(TestImages.RawPng(7, 7, 0, 8, samples), new ImageDecodeOptions { MaxPixels = 9 });
        Assert.That((image.Width, image.Height), Is.EqualTo((3, 3)));
        // Blocks of 3 columns: [0..2], [3..5], [6] → the last block holds only the 210 column.
        Assert.That(image.GetPixel(0, 0).R, Is.EqualTo(0));
        Assert.That(image.GetPixel(2, 0).R, Is.EqualTo(210));
        Assert.That(image.GetPixel(2, 2).R, Is.EqualTo(210));
    }

    [Test] // JPEG has a native scaled decode: 64×64 with a 1024 px limit decodes at 32×32
    public void OversizedJpegUsesTheCodecsScaledDecode()
    {
        byte[] jpeg = TestImages.Jpeg(64, 64, TestImages.Solid(64, 64, 40, 120, 200));
        RgbImage image = ImageDecoder.Decode(jpeg, new ImageDecodeOptions { MaxPixels = 1024 });
        Assert.That((image.Width, image.Height), Is.EqualTo((32, 32)));
        var (r, g, b) = image.GetPixel(16, 16);
        Assert.That(new[] { r - 40, g - 120, b - 200 }.Select(Math.Abs), Is.All.LessThanOrEqualTo(8));
    }

    [Test]
    public void OversizedImageCanBeRefused()
    {
        string path = Write("big.png", TestImages.RgbaPng(8, 8, TestImages.Solid(8, 8, 1, 2, 3)));
        var ex = Assert.Throws<InvalidDataException>(() =>
            ImageDecoder.Decode(path, new ImageDecodeOptions { MaxPixels = 63, Oversize = OversizeHandling.Throw }));
        Assert.That(ex!.Message, Does.Contain(path).And.Contain("8x8"));
    }
}
