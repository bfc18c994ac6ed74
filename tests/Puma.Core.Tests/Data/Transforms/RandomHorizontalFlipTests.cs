using NUnit.Framework;
using Puma.Data.Transforms;

namespace Puma.Core.Tests.Data.Transforms;

public class RandomHorizontalFlipTests
{
    [Test]
    public void MirrorMovesEveryPixelToTheOppositeColumn()
    {
        var image = RandomResizedCropTests.Noise(7, 5, seed: 4);
        var mirrored = RandomHorizontalFlip.Mirror(image);
        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 7; x++)
                Assert.That(mirrored.GetPixel(x, y), Is.EqualTo(image.GetPixel(6 - x, y)), $"pixel ({x}, {y})");
        Assert.That(RandomHorizontalFlip.Mirror(mirrored).Pixels, Is.EqualTo(image.Pixels));
    }

    [Test]
    public void ProbabilityZeroNeverFlipsAndOneAlwaysFlips()
    {
        var image = RandomResizedCropTests.Noise(4, 3, seed: 1);
        var mirrored = RandomHorizontalFlip.Mirror(image);
        for (ulong seed = 0; seed < 20; seed++)
        {
            Assert.That(new RandomHorizontalFlip(0).Apply(image, new AugmentationRandom(seed)), Is.SameAs(image));
            Assert.That(new RandomHorizontalFlip(1).Apply(image, new AugmentationRandom(seed)).Pixels, Is.EqualTo(mirrored.Pixels));
        }
    }

    [Test]
    public void HalfOfTheStreamsFlip()
    {
        var image = RandomResizedCropTests.Noise(2, 1, seed: 3);
        var flip = new RandomHorizontalFlip();
        int flipped = Enumerable.Range(0, 4000).Count(i => !ReferenceEquals(flip.Apply(image, AugmentationRandom.ForSample(0, 0, i)), image));
        Assert.That(flipped / 4000.0, Is.InRange(0.46, 0.54));
    }

    [Test]
    public void ProbabilityOutsideZeroOneIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomHorizontalFlip(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomHorizontalFlip(double.NaN));
    }
}
