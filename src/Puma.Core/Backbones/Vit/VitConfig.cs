namespace Puma.Backbones.Vit;

/// <summary>Architecture of a Vision Transformer encoder (timm <c>VisionTransformer</c> hyper-parameters).</summary>
/// <param name="EmbedDim">Token width D.</param>
/// <param name="Depth">Number of transformer blocks.</param>
/// <param name="NumHeads">Attention heads per block (must divide <paramref name="EmbedDim"/>).</param>
/// <param name="PatchSize">Patch size in pixels (plain ViT stem).</param>
/// <param name="ImageSize">Square input size in pixels.</param>
/// <param name="MlpRatio">MLP hidden width as a multiple of D.</param>
/// <param name="QkvBias">Whether the fused qkv projection has a bias.</param>
/// <param name="LayerNormEps">LayerNorm epsilon (timm ViTs use 1e-6).</param>
public sealed record VitConfig(
    int EmbedDim,
    int Depth,
    int NumHeads,
    int PatchSize = 16,
    int ImageSize = 224,
    double MlpRatio = 4.0,
    bool QkvBias = true,
    double LayerNormEps = 1e-6)
{
    /// <summary>ViT-Ti/16 (D 192, 12 blocks, 3 heads).</summary>
    public static VitConfig TinyPatch16(int imageSize = 224) => new(192, 12, 3, 16, imageSize);

    /// <summary>ViT-S/16 (D 384, 12 blocks, 6 heads): the PUMA reference backbone.</summary>
    public static VitConfig SmallPatch16(int imageSize = 224) => new(384, 12, 6, 16, imageSize);

    /// <summary>ViT-B/16 (D 768, 12 blocks, 12 heads).</summary>
    public static VitConfig BasePatch16(int imageSize = 224) => new(768, 12, 12, 16, imageSize);

    /// <summary>Throws when a value is out of range or inconsistent.</summary>
    public void Validate()
    {
        if (EmbedDim <= 0) throw new ArgumentOutOfRangeException(nameof(EmbedDim), EmbedDim, "EmbedDim must be positive.");
        if (Depth <= 0) throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "Depth must be positive.");
        if (NumHeads <= 0 || EmbedDim % NumHeads != 0)
            throw new ArgumentException($"NumHeads {NumHeads} must be positive and divide EmbedDim {EmbedDim}.", nameof(NumHeads));
        if (PatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(PatchSize), PatchSize, "PatchSize must be positive.");
        if (ImageSize <= 0 || ImageSize % PatchSize != 0)
            throw new ArgumentException($"ImageSize {ImageSize} must be a positive multiple of PatchSize {PatchSize}.", nameof(ImageSize));
        if (!(MlpRatio > 0)) throw new ArgumentOutOfRangeException(nameof(MlpRatio), MlpRatio, "MlpRatio must be positive.");
        if (!(LayerNormEps > 0)) throw new ArgumentOutOfRangeException(nameof(LayerNormEps), LayerNormEps, "LayerNormEps must be positive.");
    }
}
