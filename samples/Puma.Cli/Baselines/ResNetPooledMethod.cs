using Puma.Backbones.ResNet;
using Puma.Features;
using Puma.Tensors;
using TorchSharp;

namespace Puma.Cli.Baselines;

/// <summary>
/// What a user gets for free with ImageNet weights: the ResNet-18's global pooled 512-d feature at the stem's resolution,
/// computed from the cached stage-3 maps (stage 4 + global mean), L2-normalised.
/// </summary>
internal sealed class ResNetPooledMethod : UntrainedMethod
{
    public override string Name => "resnet18-pooled";

    public override string Description => "no training: ImageNet ResNet-18 global pooled feature at the stem's resolution";

    protected override (float[] Embeddings, int Dim) Embed(BaselineContext context, CancellationToken cancellationToken)
    {
        using var network = CntkResNet18.FromOnnx(context.Backbone.ResNetOnnxPath);
        return EmbeddingComputer.Compute(context.Test, maps => L2Normalization.Normalize(network.PooledFromStage3(maps)), torch.CPU);
    }
}
