using NUnit.Framework;
using Puma.Data;
using Puma.Data.Transforms;

namespace Puma.Core.Tests.Data.Transforms;

public class ResizeCenterCropTests
{
    /// <summary>
    /// BR-33 (d) by hand: the long side becomes ⌊256 · long / short⌋ and the offsets round half to even:
    /// 640×480 → 341×256, left (341 − 224)/2 = 58.5 → 58, top 16; 686×512 → 343×256, left 59.5 → 60, top 16;
    /// 333×500 → 256×384, left 16, top 80.
    /// </summary>
    [TestCase(640, 480, 341, 256, 58, 16)]
    [TestCase(686, 512, 343, 256, 60, 16)]
    [TestCase(333, 500, 256, 384, 16, 80)]
    public void GeometryFollowsTorchvisionRounding(int width, int height, int resizedWidth, int resizedHeight, int left, int top)
    {
        var (w, h, crop) = new ResizeCenterCrop(256, 224).Geometry(width, height);
        Assert.That((w, h), Is.EqualTo((resizedWidth, resizedHeight)));
        Assert.That(crop, Is.EqualTo(new CropBox(left, top, 224, 224)));
    }

    [Test]
    public void ApplyCutsTheHandComputedSquareOfTheResizedImage()
    {
        var image = RandomResizedCropTests.Noise(686, 512, seed: 8);
        var expected = ImageResizer.Crop(ImageResizer.Resize(image, 343, 256), 60, 16, 224, 224);

        var actual = PumaTransforms.Eval(224).Apply(image, new AugmentationRandom(0));

        Assert.That((actual.Width, actual.Height), Is.EqualTo((224, 224)));
        Assert.That(actual.Pixels, Is.EqualTo(expected.Pixels));
    }

    [TestCase(224, 256)]
    [TestCase(32, 36)]
    [TestCase(112, 128)]
    public void ForCropUsesTheCropFractionSevenEighths(int crop, int shorterSide)
    {
        var transform = ResizeCenterCrop.ForCrop(crop);
        Assert.That((transform.ResizeTo, transform.CropSize), Is.EqualTo((shorterSide, crop)));
    }

    [Test]
    public void ACropLargerThanTheShorterSideIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResizeCenterCrop(200, 224));
}
