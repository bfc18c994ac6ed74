using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Puma.Evaluation;

namespace Puma.Cli.Baselines;

/// <summary>
/// Dataset-specific models, as the reference's baselines: one fully fine-tuned model per dataset, trained on that
/// dataset's training classes and selected on its validation classes. Per-dataset Recall@1 is each dataset's own model;
/// the unified metric (as the reference's <c>unified_eval.py</c>) averages the L2-normalised embeddings of all the models
/// for every test image and renormalises. Trainable parameters are summed over the models.
/// </summary>
internal sealed class PerDatasetMethod : BaselineMethod
{
    public override string Name => "per-dataset";

    public override string Description => "one fully fine-tuned model per dataset; unified metric on their averaged embeddings";

    public override MethodRun Run(BaselineContext context, int seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var names = context.Test.DatasetNames;
        var own = new DatasetRetrieval[names.Count];
        var selected = new List<int?>();
        float[]? sum = null;
        int dim = 0;
        long trainable = 0;
        for (int d = 0; d < names.Count; d++)
        {
            using var train = context.Train.OnlyDataset(d);
            using var validation = context.Validation.OnlyDataset(d);
            using var model = ModelVariant.FullFineTune.Build(context, seed);
            context.Logger.LogInformation("per-dataset (seed {Seed}): model {Index}/{Count} on {Dataset}, {Images} images, {Classes} classes",
                seed, d + 1, names.Count, names[d], train.Count, train.NumClasses);
            var training = model.FitAsync(train, ModelVariant.FullFineTune.Options(context.Settings, seed), cancellationToken: cancellationToken,
                logger: context.Logger, validation: validation).GetAwaiter().GetResult();
            selected.Add(training.SelectedEpoch);
            trainable += model.TrainableParameterCount;
            var (embeddings, width) = TestEvaluation.Embed(model, context.Test);
            own[d] = TestEvaluation.Evaluate(context, embeddings, width, cancellationToken).Datasets[d];
            dim = width;
            sum ??= new float[embeddings.Length];
            for (int i = 0; i < embeddings.Length; i++) sum[i] += embeddings[i];
        }
        TestEvaluation.NormalizeRows(sum!, dim);
        var unified = TestEvaluation.Evaluate(context, sum!, dim, cancellationToken).Unified;
        var report = new RetrievalReport(own, unified, HarmonicMean.Of(own.Select(r => r.Metrics.RecallAt1).ToList()));
        return new MethodRun(Name, seed, report, trainable, clock.Elapsed.TotalSeconds, selected, sum!, dim);
    }
}
