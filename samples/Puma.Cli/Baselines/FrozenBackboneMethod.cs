using Puma.Features;

namespace Puma.Cli.Baselines;

/// <summary>No training: the pre-trained encoder's own L2-normalised CLS feature (the "frozen backbone" row of the demo).</summary>
internal sealed class FrozenBackboneMethod : UntrainedMethod
{
    public override string Name => "frozen-backbone";

    public override string Description => "no training: the frozen encoder's own normalised CLS feature";

    protected override (float[] Embeddings, int Dim) Embed(BaselineContext context, CancellationToken cancellationToken)
    {
        using var model = ModelVariant.LinearHead.Build(context, seed: 0);
        model.eval();
        return EmbeddingComputer.Compute(context.Test, model.BackboneEmbeddingFromFeatures, model.Device);
    }
}
