using NUnit.Framework;
using Puma.Data;

namespace Puma.Core.Tests.Data;

public class ImageResizerTests
{
    private static RgbImage Gray(int width, int height, params byte[] rowValues)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                byte v = rowValues[x];
                pixels[(y * width + x) * 3] = v;
                pixels[(y * width + x) * 3 + 1] = v;
                pixels[(y * width + x) * 3 + 2] = v;
            }
        }
        return new RgbImage(width, height, pixels);
    }

    private static int[] FirstRowRed(RgbImage image) => Enumerable.Range(0, image.Width).Select(x => (int)image.GetPixel(x, 0).R).ToArray();

    [Test] // BR-33 (a): Pillow bicubic [21, 234]
    public void ShrinkingIsAntialiased() =>
        Assert.That(FirstRowRed(ImageResizer.Resize(Gray(4, 4, 0, 0, 255, 255), 2, 4)), Is.EqualTo(new[] { 21, 234 }));

    [Test] // BR-33 (b): Pillow bicubic [33, 127, 222]
    public void RampShrinksLikePillowBicubic()
    {
        int[] result = FirstRowRed(ImageResizer.Resize(Gray(8, 2, 0, 36, 73, 109, 146, 182, 219, 255), 3, 2));
        int[] pillow = [33, 127, 222];
        for (int i = 0; i < 3; i++)
        {
            Assert.That(result[i], Is.EqualTo(pillow[i]).Within(1));
        }
    }

    [Test] // BR-33 (c): Pillow bicubic [0, 53, 202, 255]; overshoot is clamped
    public void UpsamplingClampsOvershoot() =>
        Assert.That(FirstRowRed(ImageResizer.Resize(Gray(2, 1, 0, 255), 4, 1)), Is.EqualTo(new[] { 0, 53, 202, 255 }));

    [Test]
    public void SolidColourStaysSolid()
    {
        RgbImage result = ImageResizer.ResizeSquare(RgbImage.Filled(37, 37, 12, 200, 99), 112);
        Assert.That((result.Width, result.Height), Is.EqualTo((112, 112)));
        for (int i = 0; i < result.Pixels.Length; i += 3)
        {
            Assert.That((result.Pixels[i], result.Pixels[i + 1], result.Pixels[i + 2]), Is.EqualTo(((byte)12, (byte)200, (byte)99)));
        }
    }

    [TestCase(640, 480, 341, 256, 58, 16)] // BR-33 (d)
    [TestCase(686, 512, 343, 256, 60, 16)]
    [TestCase(333, 500, 256, 384, 16, 80)]
    public void ShorterSideGeometryMatchesTorchvision(int w, int h, int rw, int rh, int left, int top)
    {
        Assert.That(CropGeometry.ShorterSideTo(w, h, 256), Is.EqualTo((rw, rh)));
        Assert.That(CropGeometry.CenterCropOffset(rw, 224), Is.EqualTo(left));
        Assert.That(CropGeometry.CenterCropOffset(rh, 224), Is.EqualTo(top));
    }

    [Test] // 686×512: resized to 343×256, crop at x = 60; a marker column at resized x = 60 is the crop's first column
    public void ShorterSideThenCenterCropCutsAtTheComputedOffset()
    {
        var image = RgbImage.Filled(686, 512, 0, 0, 0);
        RgbImage result = ImageResizer.ResizeShorterSideAndCenterCrop(image, 256, 224);
        Assert.That((result.Width, result.Height), Is.EqualTo((224, 224)));

        var marked = RgbImage.Filled(343, 256, 0, 0, 0);
        for (int y = 0; y < 256; y++)
        {
            marked.Pixels[(y * 343 + 60) * 3] = 255;
        }
        RgbImage crop = ImageResizer.ResizeShorterSideAndCenterCrop(marked, 256, 224); // no resize needed
        Assert.That(crop.GetPixel(0, 0).R, Is.EqualTo(255));
        Assert.That(crop.GetPixel(1, 0).R, Is.EqualTo(0));
    }

    [Test]
    public void CropOutsideTheImageThrows() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageResizer.Crop(RgbImage.Filled(4, 4, 0, 0, 0), 2, 0, 3, 1));

    [Test]
    public void CropLargerThanShorterSideThrows() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageResizer.ResizeShorterSideAndCenterCrop(RgbImage.Filled(4, 4, 0, 0, 0), 200, 224));
}
