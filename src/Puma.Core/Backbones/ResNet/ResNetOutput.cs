namespace Puma.Backbones.ResNet;

/// <summary>Which features <see cref="CntkResNet18"/> returns.</summary>
public enum ResNetOutput
{
    /// <summary>The map after stage 3: <c>[B, 256, ceil(H/16), ceil(W/16)]</c> (14×14 at 224 px, 7×7 at 112 px). Stage 4 is skipped.</summary>
    Stage3,

    /// <summary>The map after stage 4: <c>[B, 512, ceil(H/32), ceil(W/32)]</c> (7×7 at 224 px, 4×4 at 112 px).</summary>
    Stage4,

    /// <summary>The stage-4 map averaged over all positions: <c>[B, 512]</c> (the ONNX graph's output at 224 px).</summary>
    Pooled,
}
