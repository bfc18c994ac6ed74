namespace Puma.Cli.Baselines;

/// <summary>One row of the baselines table: a way to get test embeddings from the benchmark.</summary>
internal abstract class BaselineMethod
{
    /// <summary>The name used by <c>--methods</c> and in the table.</summary>
    public abstract string Name { get; }

    /// <summary>What it is, in one line (table legend).</summary>
    public abstract string Description { get; }

    /// <summary>Whether it trains (and so runs once per seed).</summary>
    public virtual bool IsTrained => true;

    /// <summary>Main rows run with every seed; ablations with the first <see cref="BaselineSettings.AblationSeeds"/>.</summary>
    public virtual bool IsMainRow => true;

    /// <summary>Trains if needed and evaluates on the test split.</summary>
    public abstract MethodRun Run(BaselineContext context, int seed, CancellationToken cancellationToken);
}
