namespace Puma.Data.Transforms;

/// <summary>Applies transforms in order, all drawing from the same random stream (torchvision's <c>Compose</c>).</summary>
public sealed class ComposedTransform : IImageTransform
{
    /// <summary>Creates the chain (at least one transform, none null).</summary>
    public ComposedTransform(params IImageTransform[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Length == 0) throw new ArgumentException("A composed transform needs at least one step.", nameof(steps));
        for (int i = 0; i < steps.Length; i++)
            if (steps[i] is null) throw new ArgumentException($"Step {i} is null.", nameof(steps));
        Steps = steps.ToArray();
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<IImageTransform> Steps { get; }

    /// <inheritdoc />
    public RgbImage Apply(RgbImage image, AugmentationRandom random)
    {
        foreach (var step in Steps) image = step.Apply(image, random);
        return image;
    }
}
