using Puma.Backbones.ResNet;
using Puma.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Backbones.Hybrid;

/// <summary>
/// The stem of a hybrid ViT (timm <c>HybridEmbed</c>): a frozen CNN feature map (<c>backbone</c>) projected to tokens by
/// a 1×1 convolution (<c>proj</c>). <see cref="features"/> returns the CNN map <c>[B, C, h, w]</c>, the cacheable part.
/// </summary>
public sealed class HybridPatchEmbed : TokenStem
{
    private readonly CntkResNet18 backbone;
    private readonly Conv2d proj;
    private readonly int channels;
    private readonly (int Rows, int Columns) grid;

    /// <summary>Creates the stem on <paramref name="cnn"/> (frozen here) for square images of <paramref name="imageSize"/> pixels.</summary>
    public HybridPatchEmbed(CntkResNet18 cnn, ResNetOutput stage, int imageSize, int embedDim) : base("patch_embed")
    {
        ArgumentNullException.ThrowIfNull(cnn);
        if (stage == ResNetOutput.Pooled) throw new ArgumentException("A hybrid stem needs a feature map (Stage3 or Stage4), not the pooled vector.", nameof(stage));
        cnn.Output = stage;
        backbone = cnn;
        channels = cnn.Channels(stage);
        grid = cnn.FeatureMapSize(imageSize, imageSize, stage);
        proj = PatchProjection.Create(channels, embedDim, kernelSize: 1, stride: 1);
        ImageShape = [3, imageSize, imageSize];
        FeatureShape = [channels, grid.Rows, grid.Columns];
        RegisterComponents();
        foreach (var p in backbone.parameters()) p.requires_grad = false;
        backbone.eval();
    }

    /// <summary>State-dict prefix of the frozen CNN (its weights come from the ONNX file, not from checkpoints).</summary>
    public const string CnnPrefix = "patch_embed.backbone.";

    /// <inheritdoc />
    public override int NumPatches => grid.Rows * grid.Columns;

    /// <inheritdoc />
    public override (int Rows, int Columns) GridSize => grid;

    /// <inheritdoc />
    public override long[] FeatureShape { get; }

    /// <inheritdoc />
    public override long[] ImageShape { get; }

    /// <summary>The CNTK ResNet-18 takes raw 0..255 RGB and subtracts its own mean image.</summary>
    public override ImageNormalization? InputNormalization => null;

    /// <summary>Channels of the CNN feature map.</summary>
    public int Channels => channels;

    /// <inheritdoc />
    public override Tensor features(Tensor images)
    {
        using var noGrad = torch.no_grad();
        return backbone.forward(images);
    }

    /// <inheritdoc />
    public override Tensor tokens(Tensor features) => proj.forward(features).flatten(2).transpose(1, 2);

    /// <summary>The 1×1 token projection (the CNN before it is the cacheable, always frozen part).</summary>
    public override IEnumerable<Parameter> TokenParameters() => proj.parameters();

    /// <inheritdoc />
    public override void train(bool on = true)
    {
        base.train(on);
        backbone.eval();
    }
}
