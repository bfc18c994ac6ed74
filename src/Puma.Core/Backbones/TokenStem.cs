using Puma.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Backbones;

/// <summary>
/// The image-to-token part of an encoder (timm's <c>patch_embed</c>). It is split in two so that the frozen,
/// expensive part can be computed once per image and cached: <see cref="features"/> maps images to cacheable
/// features, <see cref="tokens"/> maps features to patch tokens <c>[B, N, D]</c>.
/// </summary>
public abstract class TokenStem : nn.Module
{
    /// <summary>Creates the stem.</summary>
    protected TokenStem(string name) : base(name) { }

    /// <summary>Number of patch tokens per image.</summary>
    public abstract int NumPatches { get; }

    /// <summary>Patch grid (rows, columns).</summary>
    public abstract (int Rows, int Columns) GridSize { get; }

    /// <summary>Shape of one image's cacheable features (without the batch dimension).</summary>
    public abstract long[] FeatureShape { get; }

    /// <summary>Expected input image shape <c>[3, H, W]</c>.</summary>
    public abstract long[] ImageShape { get; }

    /// <summary>
    /// How pixels are scaled before <see cref="features"/>: a normalisation applied to v/255, or null when the stem takes
    /// raw 0..255 RGB values and preprocesses them itself (the CNTK ResNet-18).
    /// </summary>
    public virtual ImageNormalization? InputNormalization => ImageNormalization.Half;

    /// <summary>
    /// Turns decoded images into this stem's input <c>[B, 3, H, W]</c> (CPU float32): each is resized to
    /// <see cref="ImageShape"/> (bicubic) unless it already has that size, then scaled by <see cref="InputNormalization"/>.
    /// </summary>
    public Tensor Preprocess(IReadOnlyList<RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new ArgumentException("No images.", nameof(images));
        int height = (int)ImageShape[1], width = (int)ImageShape[2];
        var sized = images.Select(i => i.Width == width && i.Height == height ? i : ImageResizer.Resize(i, width, height)).ToList();
        return InputNormalization is { } norm ? ImageTensors.ToNormalizedTensor(sized, norm) : ImageTensors.ToTensor(sized);
    }

    /// <summary>Cacheable features of a batch of images.</summary>
    public abstract Tensor features(Tensor images);

    /// <summary>Patch tokens <c>[B, N, D]</c> from features.</summary>
    public abstract Tensor tokens(Tensor features);

    /// <summary>
    /// The parameters that <see cref="tokens"/> uses (after the cacheable <see cref="features"/>): the ones full fine-tuning
    /// may train without invalidating cached features. None by default (a plain ViT's patch convolution is part of its
    /// features).
    /// </summary>
    public virtual IEnumerable<TorchSharp.Modules.Parameter> TokenParameters() => [];
}
