namespace Puma.Data.Transforms;

/// <summary>
/// One step of image preprocessing or augmentation on decoded images. Implementations must be thread-safe and draw
/// every random decision from the given <see cref="AugmentationRandom"/> (never from shared state), so that a seed
/// reproduces the same images.
/// </summary>
public interface IImageTransform
{
    /// <summary>Transforms <paramref name="image"/> (never modified; a new image or the same instance is returned).</summary>
    RgbImage Apply(RgbImage image, AugmentationRandom random);
}
