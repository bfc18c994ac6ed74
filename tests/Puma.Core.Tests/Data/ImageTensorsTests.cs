using NUnit.Framework;
using Puma.Data;
using TorchSharp;

namespace Puma.Core.Tests.Data;

public class ImageTensorsTests
{
    private static readonly RgbImage Orange = RgbImage.Filled(2, 2, 255, 128, 0);
    private static readonly RgbImage Grey = RgbImage.Filled(2, 2, 128, 128, 128);

    private static float[] PixelOf(torch.Tensor t, int b) =>
        [t[b, 0, 1, 1].item<float>(), t[b, 1, 1, 1].item<float>(), t[b, 2, 1, 1].item<float>()];

    [Test]
    public void RawTensorKeepsZeroTo255InChannelPlanes()
    {
        var image = new RgbImage(2, 1, [1, 2, 3, 4, 5, 6]);
        using var t = ImageTensors.ToTensor([image, new RgbImage(2, 1, [10, 20, 30, 40, 50, 60])]);
        Assert.That(t.shape, Is.EqualTo(new long[] { 2, 3, 1, 2 }));
        Assert.That(t.data<float>().ToArray(), Is.EqualTo(new float[] { 1, 4, 2, 5, 3, 6, 10, 40, 20, 50, 30, 60 }));
    }

    [Test] // BR-27/BR-32: orange under mean = std = 0.5 is (1, 0.003922, −1); grey is 0.003922
    public void HalfNormalisation()
    {
        using var t = ImageTensors.ToNormalizedTensor([Orange, Grey], ImageNormalization.Half);
        Assert.That(PixelOf(t, 0), Is.EqualTo(new[] { 1.000000f, 0.003922f, -1.000000f }).Within(1e-6f));
        Assert.That(PixelOf(t, 1), Is.EqualTo(new[] { 0.003922f, 0.003922f, 0.003922f }).Within(1e-6f));
    }

    [Test] // BR-32
    public void ImageNetNormalisation()
    {
        using var t = ImageTensors.ToNormalizedTensor([Orange, Grey], ImageNormalization.ImageNet);
        Assert.That(PixelOf(t, 0), Is.EqualTo(new[] { 2.248908f, 0.205182f, -1.804444f }).Within(1e-6f));
        Assert.That(PixelOf(t, 1), Is.EqualTo(new[] { 0.074065f, 0.205182f, 0.426492f }).Within(1e-6f));
    }

    [Test] // BR-32
    public void ClipNormalisation()
    {
        using var t = ImageTensors.ToNormalizedTensor([Orange, Grey], ImageNormalization.Clip);
        Assert.That(PixelOf(t, 0), Is.EqualTo(new[] { 1.930336f, 0.168897f, -1.480220f }).Within(1e-6f));
        Assert.That(PixelOf(t, 1), Is.EqualTo(new[] { 0.076336f, 0.168897f, 0.339949f }).Within(1e-6f));
    }

    [Test]
    public void MixedSizesNameTheImage()
    {
        var ex = Assert.Throws<ArgumentException>(() => ImageTensors.ToTensor([Orange, RgbImage.Filled(3, 2, 0, 0, 0)]));
        Assert.That(ex!.Message, Does.Contain("Image 1"));
    }

    [Test]
    public void EmptyBatchThrows() => Assert.Throws<ArgumentException>(() => ImageTensors.ToTensor([]));

    [Test]
    public void NonPositiveStdThrows() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ImageNormalization([0.5, 0.5, 0.5], [0.5, 0, 0.5]));

    [Test]
    public void NoTensorLeaks()
    {
        long before = torch.Tensor.TotalCount;
        for (int i = 0; i < 5; i++)
        {
            using var t = ImageTensors.ToNormalizedTensor([Orange], ImageNormalization.Half);
        }
        Assert.That(torch.Tensor.TotalCount, Is.EqualTo(before));
    }
}
