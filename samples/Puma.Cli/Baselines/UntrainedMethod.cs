using System.Diagnostics;

namespace Puma.Cli.Baselines;

/// <summary>A row that trains nothing: it only computes test embeddings, which the shared evaluator scores.</summary>
internal abstract class UntrainedMethod : BaselineMethod
{
    public sealed override bool IsTrained => false;

    /// <summary>L2-normalised test embeddings, row-major in test-sample order.</summary>
    protected abstract (float[] Embeddings, int Dim) Embed(BaselineContext context, CancellationToken cancellationToken);

    public sealed override MethodRun Run(BaselineContext context, int seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (embeddings, dim) = Embed(context, cancellationToken);
        var report = TestEvaluation.Evaluate(context, embeddings, dim, cancellationToken);
        return new MethodRun(Name, seed, report, 0, clock.Elapsed.TotalSeconds, [], embeddings, dim);
    }
}
