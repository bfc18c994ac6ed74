using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Data;

/// <summary>Turns a batch of equally sized <see cref="RgbImage"/>s into a float32 tensor [B, 3, H, W] (RGB planes).</summary>
public static class ImageTensors
{
    /// <summary>
    /// Raw values 0..255 (for a backbone that preprocesses itself, such as the ResNet-18 stem).
    /// The returned tensor is caller-owned (dispose it).
    /// </summary>
    public static Tensor ToTensor(IReadOnlyList<RgbImage> images) => Build(images, (v, _) => v);

    /// <summary>
    /// Normalised values (v/255 − mean) / std per channel (for a ViT). The returned tensor is caller-owned.
    /// </summary>
    public static Tensor ToNormalizedTensor(IReadOnlyList<RgbImage> images, ImageNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        return Build(images, normalization.Apply);
    }

    private static Tensor Build(IReadOnlyList<RgbImage> images, Func<byte, int, float> map)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw new ArgumentException("The batch is empty.", nameof(images));
        }
        int w = images[0].Width, h = images[0].Height, plane = w * h;
        var values = new float[(long)images.Count * 3 * plane];
        var lookup = new float[3, 256];
        for (int c = 0; c < 3; c++)
        {
            for (int v = 0; v < 256; v++)
            {
                lookup[c, v] = map((byte)v, c);
            }
        }
        for (int b = 0; b < images.Count; b++)
        {
            RgbImage image = images[b] ?? throw new ArgumentException($"Image {b} of the batch is null.", nameof(images));
            if (image.Width != w || image.Height != h)
            {
                throw new ArgumentException(
                    $"Image {b} of the batch is {image.Width}x{image.Height}; image 0 is {w}x{h}. Resize them to one size first.", nameof(images));
            }
            long offset = (long)b * 3 * plane;
            for (int p = 0; p < plane; p++)
            {
                values[offset + p] = lookup[0, image.Pixels[p * 3]];
                values[offset + plane + p] = lookup[1, image.Pixels[p * 3 + 1]];
                values[offset + 2 * plane + p] = lookup[2, image.Pixels[p * 3 + 2]];
            }
        }
        using var scope = NewDisposeScope();
        return tensor(values, [images.Count, 3, h, w], ScalarType.Float32).MoveToOuterDisposeScope();
    }
}
