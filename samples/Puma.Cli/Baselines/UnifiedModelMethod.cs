using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Puma.Cli.Baselines;

/// <summary>One model of a <see cref="ModelVariant"/> trained on the merged training data, selected on the validation split.</summary>
internal sealed class UnifiedModelMethod(string name, string description, ModelVariant variant, bool mainRow) : BaselineMethod
{
    public override string Name => name;

    public override string Description => description;

    public override bool IsMainRow => mainRow;

    public ModelVariant Variant => variant;

    public override MethodRun Run(BaselineContext context, int seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var model = variant.Build(context, seed);
        context.Logger.LogInformation("{Method} (seed {Seed}): {Trainable} trainable parameters", Name, seed, model.TrainableParameterCount);
        var training = model.FitAsync(context.Train, variant.Options(context.Settings, seed), cancellationToken: cancellationToken,
            logger: context.Logger, validation: context.Validation).GetAwaiter().GetResult();
        var (embeddings, dim) = TestEvaluation.Embed(model, context.Test);
        var report = TestEvaluation.Evaluate(context, embeddings, dim, cancellationToken);
        return new MethodRun(Name, seed, report, model.TrainableParameterCount, clock.Elapsed.TotalSeconds, [training.SelectedEpoch], embeddings, dim);
    }
}
