using Puma.Backbones.ResNet;
using Puma.Backbones.Vit;

namespace Puma.Backbones.Hybrid;

/// <summary>
/// The offline default encoder: the ImageNet ResNet-18 (ONNX) up to <see cref="Stage"/> as stem, then a ViT encoder of
/// <see cref="Encoder"/>'s width, depth and heads (its patch size is ignored: tokens are CNN map cells).
/// </summary>
/// <param name="Encoder">Transformer width, depth, heads; <c>ImageSize</c> is the input size in pixels.</param>
/// <param name="Stage">Which ResNet feature map becomes the token grid.</param>
public sealed record HybridVitConfig(VitConfig Encoder, ResNetOutput Stage = ResNetOutput.Stage3)
{
    /// <summary>The demo's encoder: 112 px input, stage-3 map (7×7×256 → 49 tokens), D 192, 4 blocks, 3 heads.</summary>
    public static HybridVitConfig Small112 { get; } = new(new VitConfig(EmbedDim: 192, Depth: 4, NumHeads: 3, PatchSize: 16, ImageSize: 112));
}
