namespace Puma.Benchmarks.Infrastructure;

/// <summary>The PUMA models the suites measure.</summary>
public enum WorkloadKind
{
    /// <summary>
    /// The demo's model on cached stem features: hybrid ResNet-18 stage-3 map (256×7×7, from the ONNX file) → 1×1
    /// projection → 49 tokens, ViT D 192, 4 blocks, 3 heads (<c>HybridVitConfig.Small112</c>), adapters r = 64.
    /// </summary>
    Hybrid112,

    /// <summary>The reference model: ViT-S/16 at 224 px on images (196 tokens, D 384, 12 blocks, 6 heads), adapters r = 128.</summary>
    VitS16,
}
