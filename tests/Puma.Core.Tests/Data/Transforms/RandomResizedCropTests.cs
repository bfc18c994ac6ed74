using NUnit.Framework;
using Puma.Data;
using Puma.Data.Transforms;

namespace Puma.Core.Tests.Data.Transforms;

public class RandomResizedCropTests
{
    [TestCase(500, 375)]
    [TestCase(32, 32)]
    [TestCase(40, 300)]
    [TestCase(7, 5)]
    public void BoxesStayInsideTheImage(int width, int height)
    {
        var crop = new RandomResizedCrop(16);
        var random = new AugmentationRandom(11);
        for (int draw = 0; draw < 2000; draw++)
        {
            var box = crop.SampleBox(width, height, random);
            Assert.That(box.Left, Is.GreaterThanOrEqualTo(0), $"draw {draw}: {box}");
            Assert.That(box.Top, Is.GreaterThanOrEqualTo(0), $"draw {draw}: {box}");
            Assert.That(box.Width, Is.InRange(1, width), $"draw {draw}: {box}");
            Assert.That(box.Height, Is.InRange(1, height), $"draw {draw}: {box}");
            Assert.That(box.Left + box.Width, Is.LessThanOrEqualTo(width), $"draw {draw}: {box}");
            Assert.That(box.Top + box.Height, Is.LessThanOrEqualTo(height), $"draw {draw}: {box}");
        }
    }

    /// <summary>
    /// On a 2000×1500 image every accepted box has sides ≥ 500, so rounding each side to an integer moves the area
    /// fraction and the ratio by less than 0.3 %: both must stay inside PUMA's ranges (0.2–1, 3/4–4/3) within that, and
    /// over 4000 draws they must also reach close to both ends.
    /// </summary>
    [Test]
    public void ScaleAndRatioStayWithinTheirRangesAndCoverThem()
    {
        var crop = new RandomResizedCrop(224);
        var random = new AugmentationRandom(3);
        const double tolerance = 0.003;
        double minScale = double.MaxValue, maxScale = 0, minRatio = double.MaxValue, maxRatio = 0;
        for (int draw = 0; draw < 4000; draw++)
        {
            var box = crop.SampleBox(2000, 1500, random);
            double scale = (double)box.Width * box.Height / (2000.0 * 1500.0);
            double ratio = (double)box.Width / box.Height;
            Assert.That(scale, Is.InRange(0.2 * (1 - tolerance), 1.0), $"draw {draw}: {box}");
            Assert.That(ratio, Is.InRange(0.75 * (1 - tolerance), 4.0 / 3.0 * (1 + tolerance)), $"draw {draw}: {box}");
            (minScale, maxScale) = (Math.Min(minScale, scale), Math.Max(maxScale, scale));
            (minRatio, maxRatio) = (Math.Min(minRatio, ratio), Math.Max(maxRatio, ratio));
        }
        Assert.That(minScale, Is.LessThan(0.21));
        Assert.That(maxScale, Is.GreaterThan(0.95));
        Assert.That(minRatio, Is.LessThan(0.76));
        Assert.That(maxRatio, Is.GreaterThan(1.31));
    }

    /// <summary>
    /// A 1000×10 strip with scale ≥ 0.9 needs h = √(9000/ratio) ≥ 82 > 10 rows: every attempt fails, so the central
    /// fallback applies. Its ratio 100 is above 4/3: h = 10, w = round(10 · 4/3) = 13, left = ⌊(1000 − 13)/2⌋ = 493.
    /// The transposed strip: w = 10, h = round(10 / 0.75) = 13, top 493.
    /// </summary>
    [Test]
    public void FallsBackToTheCentralCropWithTheRatioClamped()
    {
        var crop = new RandomResizedCrop(8, minScale: 0.9);
        var random = new AugmentationRandom(5);
        for (int draw = 0; draw < 50; draw++)
        {
            Assert.That(crop.SampleBox(1000, 10, random), Is.EqualTo(new CropBox(493, 0, 13, 10)));
            Assert.That(crop.SampleBox(10, 1000, random), Is.EqualTo(new CropBox(0, 493, 10, 13)));
        }
    }

    /// <summary>
    /// Python's round (half to even), as torchvision uses: a 1000×9 strip with ratio up to 2.5 gives w = round(22.5) = 22
    /// (not 23), left = ⌊978/2⌋ = 489.
    /// </summary>
    [Test]
    public void FallbackRoundsHalfToEven()
    {
        var crop = new RandomResizedCrop(8, minScale: 0.9, minRatio: 0.4, maxRatio: 2.5);
        Assert.That(crop.SampleBox(1000, 9, new AugmentationRandom(1)), Is.EqualTo(new CropBox(489, 0, 22, 9)));
    }

    [Test]
    public void FallbackKeepsTheWholeImageWhenItsRatioIsInRange()
    {
        var crop = new RandomResizedCrop(8);
        Assert.That(crop.CentralFallback(100, 90), Is.EqualTo(new CropBox(0, 0, 100, 90)));
        Assert.That(crop.CentralFallback(75, 100), Is.EqualTo(new CropBox(0, 0, 75, 100)));
    }

    [Test]
    public void ApplyResizesTheSampledBoxAndIsDeterministicPerSeed()
    {
        var image = Noise(60, 45, seed: 2);
        var crop = new RandomResizedCrop(16);
        var box = crop.SampleBox(60, 45, new AugmentationRandom(9));
        var expected = ImageResizer.Resize(ImageResizer.Crop(image, box.Left, box.Top, box.Width, box.Height), 16, 16);

        var actual = crop.Apply(image, new AugmentationRandom(9));

        Assert.That((actual.Width, actual.Height), Is.EqualTo((16, 16)));
        Assert.That(actual.Pixels, Is.EqualTo(expected.Pixels));
        Assert.That(crop.Apply(image, new AugmentationRandom(10)).Pixels, Is.Not.EqualTo(actual.Pixels));
    }

    [Test]
    public void InvalidRangesAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(8, minScale: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(8, minScale: 0.8, maxScale: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(8, minRatio: 2, maxRatio: 1));
    }

    internal static RgbImage Noise(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }
}
