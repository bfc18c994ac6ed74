using System.Diagnostics;
using Puma.Features;

namespace Puma.Cli.Baselines;

/// <summary>No training: the pre-trained encoder's own L2-normalised CLS feature (the "frozen backbone" row of the demo).</summary>
internal sealed class FrozenBackboneMethod : BaselineMethod
{
    public override string Name => "frozen-backbone";

    public override string Description => "no training: the frozen encoder's own normalised CLS feature";

    public override bool IsTrained => false;

    public override MethodRun Run(BaselineContext context, int seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var model = ModelVariant.LinearHead.Build(context, seed);
        model.eval();
        var (embeddings, dim) = EmbeddingComputer.Compute(context.Test, model.BackboneEmbeddingFromFeatures, model.Device);
        var report = TestEvaluation.Evaluate(context, embeddings, dim, cancellationToken);
        return new MethodRun(Name, seed, report, 0, clock.Elapsed.TotalSeconds, [], embeddings, dim);
    }
}
