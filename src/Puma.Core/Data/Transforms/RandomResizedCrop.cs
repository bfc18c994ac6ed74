namespace Puma.Data.Transforms;

/// <summary>
/// torchvision's <c>RandomResizedCrop</c>: cut a random rectangle covering a random fraction of the area with a random
/// aspect ratio, then resize it to <see cref="Size"/>×<see cref="Size"/> (antialiased bicubic, <see cref="ImageResizer"/>).
/// The rectangle is drawn as torchvision does (<see cref="SampleBox"/>); the random numbers come from
/// <see cref="AugmentationRandom"/>, so the boxes follow the same distribution, not torch's exact sequence.
/// </summary>
public sealed class RandomResizedCrop : IImageTransform
{
    /// <summary>Number of rejection-sampling attempts before the central fallback (10, as torchvision).</summary>
    public const int Attempts = 10;

    /// <summary>Creates the transform.</summary>
    /// <param name="size">Output side in pixels.</param>
    /// <param name="minScale">Smallest fraction of the image area (PUMA: 0.2; torchvision's default 0.08).</param>
    /// <param name="maxScale">Largest fraction of the image area (1).</param>
    /// <param name="minRatio">Smallest width/height ratio (3/4).</param>
    /// <param name="maxRatio">Largest width/height ratio (4/3).</param>
    public RandomResizedCrop(int size, double minScale = 0.2, double maxScale = 1.0, double minRatio = 3.0 / 4.0, double maxRatio = 4.0 / 3.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (!(minScale > 0 && minScale <= maxScale && double.IsFinite(maxScale)))
            throw new ArgumentOutOfRangeException(nameof(minScale), $"Scale range ({minScale}, {maxScale}) must satisfy 0 < min ≤ max < ∞.");
        if (!(minRatio > 0 && minRatio <= maxRatio && double.IsFinite(maxRatio)))
            throw new ArgumentOutOfRangeException(nameof(minRatio), $"Ratio range ({minRatio}, {maxRatio}) must satisfy 0 < min ≤ max < ∞.");
        Size = size;
        Scale = (minScale, maxScale);
        Ratio = (minRatio, maxRatio);
    }

    /// <summary>Output side in pixels.</summary>
    public int Size { get; }

    /// <summary>Range of the area fraction.</summary>
    public (double Min, double Max) Scale { get; }

    /// <summary>Range of the width/height ratio.</summary>
    public (double Min, double Max) Ratio { get; }

    /// <summary>
    /// Draws the crop rectangle of a <paramref name="width"/>×<paramref name="height"/> image. Up to ten attempts: area
    /// fraction uniform in <see cref="Scale"/>, ratio log-uniform in <see cref="Ratio"/>, sides
    /// w = round(√(area·ratio)), h = round(√(area/ratio)) (half to even); the first that fits is placed uniformly at
    /// random. Otherwise the central crop: the whole image with its ratio clamped into <see cref="Ratio"/>
    /// (w = round(h·max) or h = round(w/min)), offsets (size − side) / 2 rounded down.
    /// </summary>
    public CropBox SampleBox(int width, int height, AugmentationRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(random);
        double area = (double)width * height;
        double logMin = Math.Log(Ratio.Min), logMax = Math.Log(Ratio.Max);
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            double targetArea = area * random.Uniform(Scale.Min, Scale.Max);
            double aspect = Math.Exp(random.Uniform(logMin, logMax));
            int w = (int)Math.Round(Math.Sqrt(targetArea * aspect), MidpointRounding.ToEven);
            int h = (int)Math.Round(Math.Sqrt(targetArea / aspect), MidpointRounding.ToEven);
            if (w > 0 && w <= width && h > 0 && h <= height)
            {
                int top = random.NextInt(height - h + 1);
                int left = random.NextInt(width - w + 1);
                return new CropBox(left, top, w, h);
            }
        }
        return CentralFallback(width, height);
    }

    /// <summary>The rectangle used when no attempt fits (see <see cref="SampleBox"/>).</summary>
    public CropBox CentralFallback(int width, int height)
    {
        double inRatio = (double)width / height;
        int w = width, h = height;
        if (inRatio < Ratio.Min)
            h = Math.Max(1, (int)Math.Round(w / Ratio.Min, MidpointRounding.ToEven));
        else if (inRatio > Ratio.Max)
            w = Math.Max(1, (int)Math.Round(h * Ratio.Max, MidpointRounding.ToEven));
        return new CropBox((width - w) / 2, (height - h) / 2, w, h);
    }

    /// <inheritdoc />
    public RgbImage Apply(RgbImage image, AugmentationRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        var box = SampleBox(image.Width, image.Height, random);
        var crop = box.Width == image.Width && box.Height == image.Height ? image : ImageResizer.Crop(image, box.Left, box.Top, box.Width, box.Height);
        return ImageResizer.Resize(crop, Size, Size);
    }
}
