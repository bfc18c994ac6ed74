using CsCheck;
using NUnit.Framework;
using Puma.Data;
using Puma.Testing;

namespace Puma.Core.Tests.Data;

/// <summary>
/// Property: whatever bytes the decoder is handed, it returns a valid image within the pixel limit or throws
/// <see cref="InvalidDataException"/>, in bounded time and without allocating beyond the declared limits.
/// </summary>
public class ImageDecoderFuzzTests
{
    /// <summary>Limits small enough that any accepted input decodes quickly.</summary>
    private static readonly ImageDecodeOptions Limits = new() { MaxPixels = 4096, MaxSourcePixels = 1 << 20 };

    private static readonly byte[] Png = TestImages.RgbaPng(12, 9, Gradient(12, 9));

    private static readonly byte[] Jpeg = TestImages.Jpeg(16, 16, Gradient(16, 16));

    private static readonly byte[][] Magics =
    [
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], // PNG
        [0xFF, 0xD8, 0xFF, 0xE0],                          // JPEG
        "GIF89a"u8.ToArray(),
        "BM"u8.ToArray(),
        [.. "RIFF"u8.ToArray(), 0x40, 0, 0, 0, .. "WEBPVP8 "u8.ToArray()],
        [0, 0, 1, 0, 1, 0],                                // ICO
    ];

    private static byte[] Gradient(int width, int height)
    {
        var rgba = new byte[width * height * 4];
        for (int i = 0; i < rgba.Length; i++) rgba[i] = (byte)(i * 37 % 251);
        return rgba;
    }

    private static void DecodesOrRefuses(byte[] bytes)
    {
        RgbImage? image = null;
        long before = GC.GetTotalAllocatedBytes(precise: false);
        bool decoded = Outcome.CompletesOrThrows(() => image = ImageDecoder.Decode(bytes, Limits, "fuzz"), Outcome.Describe(bytes),
            typeof(InvalidDataException));
        long allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
        Assert.That(allocated, Is.LessThan(64L << 20), $"allocation bounded for {Outcome.Describe(bytes)}");
        if (!decoded) return;
        Assert.That((long)image!.Width * image.Height, Is.InRange(1, Limits.MaxPixels), Outcome.Describe(bytes));
        Assert.That(image.Pixels.LongLength, Is.EqualTo((long)image.Width * image.Height * 3));
    }

    [Test]
    public void RandomBytes() =>
        Gen.Byte.Array[0, 512].Sample(DecodesOrRefuses, iter: Outcome.Iterations, threads: 1, print: Outcome.Describe);

    [Test]
    public void RandomBytesAfterAFormatSignature() =>
        Gen.Int[0, Magics.Length - 1].SelectMany(m => Gen.Byte.Array[0, 256].Select(tail => (byte[])[.. Magics[m], .. tail]))
            .Sample(DecodesOrRefuses, iter: Outcome.Iterations, threads: 1, print: Outcome.Describe);

    [Test]
    public void TruncatedPngAndJpeg() =>
        Gen.Bool.SelectMany(png => Gen.Int[0, (png ? Png : Jpeg).Length - 1].Select(n => (png ? Png : Jpeg)[..n]))
            .Sample(DecodesOrRefuses, iter: Outcome.Iterations, threads: 1, print: Outcome.Describe);

    [Test]
    public void BitFlippedPngAndJpeg() =>
        Gen.Bool.SelectMany(png => Gen.Int[0, ((png ? Png : Jpeg).Length * 8) - 1].Array[1, 8].Select(bits =>
            {
                byte[] bytes = (byte[])(png ? Png : Jpeg).Clone();
                foreach (int bit in bits) bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                return bytes;
            }))
            .Sample(DecodesOrRefuses, iter: Outcome.Iterations, threads: 1, print: Outcome.Describe);

    [Test] // declared sizes up to 2^31 − 1 per side: above the source limit they are refused before any pixel buffer exists
    public void DeclaredSizesNeverAllocateBeyondTheLimit() =>
        Gen.Int[1, int.MaxValue].SelectMany(w => Gen.Int[1, int.MaxValue].Select(h => (w, h)))
            .Sample(size =>
            {
                byte[] png = TestImages.DeclaredSizePng(size.w, size.h);
                RgbImage? image = null;
                long before = GC.GetTotalAllocatedBytes(precise: false);
                bool decoded = Outcome.CompletesOrThrows(() => image = ImageDecoder.Decode(png, Limits, "declared"),
                    $"{size.w}x{size.h}", typeof(InvalidDataException));
                Assert.That(GC.GetTotalAllocatedBytes(precise: false) - before, Is.LessThan(64L << 20), $"{size.w}x{size.h}");
                Assert.That(decoded, Is.False, $"{size.w}x{size.h} with no pixel data cannot decode");
            }, iter: Outcome.Iterations, threads: 1);
}
