namespace Puma.Data.Transforms;

/// <summary>Mirrors the image left to right with probability <see cref="Probability"/> (torchvision's <c>RandomHorizontalFlip</c>).</summary>
public sealed class RandomHorizontalFlip : IImageTransform
{
    /// <summary>Creates the transform (default probability 0.5).</summary>
    public RandomHorizontalFlip(double probability = 0.5)
    {
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The flip probability must be in [0, 1].");
        Probability = probability;
    }

    /// <summary>Probability of a flip.</summary>
    public double Probability { get; }

    /// <inheritdoc />
    public RgbImage Apply(RgbImage image, AugmentationRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        return random.NextDouble() < Probability ? Mirror(image) : image;
    }

    /// <summary>The left-right mirror image: pixel (x, y) of the result is pixel (W − 1 − x, y) of the input.</summary>
    public static RgbImage Mirror(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int w = image.Width;
        var pixels = new byte[image.Pixels.Length];
        for (int y = 0; y < image.Height; y++)
        {
            int row = y * w * 3;
            for (int x = 0; x < w; x++)
            {
                int from = row + ((w - 1 - x) * 3), to = row + (x * 3);
                pixels[to] = image.Pixels[from];
                pixels[to + 1] = image.Pixels[from + 1];
                pixels[to + 2] = image.Pixels[from + 2];
            }
        }
        return new RgbImage(w, image.Height, pixels);
    }
}
