using Puma.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Backbones.Vit;

/// <summary>timm's <c>PatchEmbed</c>: a strided convolution, flattened to patch tokens in row-major order.</summary>
public sealed class PatchEmbed : TokenStem
{
    private readonly Conv2d proj;
    private readonly int imageSize;
    private readonly int patchSize;
    private readonly ImageNormalization normalization;

    /// <summary>Creates the patch embedding for square images of <paramref name="imageSize"/> pixels.</summary>
    /// <param name="imageSize">Square input size in pixels.</param>
    /// <param name="patchSize">Patch size in pixels.</param>
    /// <param name="inChannels">Input channels (3 for RGB).</param>
    /// <param name="embedDim">Token width D.</param>
    /// <param name="normalization">How pixels are normalised for this stem (the checkpoint's constants; mean = std = 0.5 when null).</param>
    public PatchEmbed(int imageSize, int patchSize, int inChannels, int embedDim, ImageNormalization? normalization = null) : base("patch_embed")
    {
        this.normalization = normalization ?? ImageNormalization.Half;
        if (imageSize % patchSize != 0)
            throw new ArgumentException($"Image size {imageSize} is not a multiple of the patch size {patchSize}.", nameof(imageSize));
        this.imageSize = imageSize;
        this.patchSize = patchSize;
        proj = PatchProjection.Create(inChannels, embedDim, patchSize, stride: patchSize);
        ImageShape = [inChannels, imageSize, imageSize];
        FeatureShape = [NumPatches, embedDim];
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int NumPatches => (imageSize / patchSize) * (imageSize / patchSize);

    /// <inheritdoc />
    public override (int Rows, int Columns) GridSize => (imageSize / patchSize, imageSize / patchSize);

    /// <inheritdoc />
    public override long[] FeatureShape { get; }

    /// <inheritdoc />
    public override ImageNormalization InputNormalization => normalization;

    /// <inheritdoc />
    public override long[] ImageShape { get; }

    /// <inheritdoc />
    public override Tensor features(Tensor images) => proj.forward(images).flatten(2).transpose(1, 2);

    /// <inheritdoc />
    public override Tensor tokens(Tensor features) => features.alias();
}
