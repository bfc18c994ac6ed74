using Puma.Adapters;
using Puma.Backbones;
using Puma.Models;
using Puma.Prompts;
using Puma.Training;
using Puma.Training.Selection;

namespace Puma.Cli.Baselines;

/// <summary>
/// A PUMA-family model on the prepared (frozen) backbone: which trainable parts it has and its loss. Every variant trains
/// with the same options (<see cref="Options"/>) so that rows differ only by what the variant names.
/// </summary>
/// <param name="Adapters">Stochastic adapters (r from the demo settings) with DropPath <paramref name="DropPath"/>.</param>
/// <param name="DropPath">Adapter DropPath probability (PUMA's 0.5; 0 gives plain adapters).</param>
/// <param name="PromptPool">The prompt pool (M 20 × L 8).</param>
/// <param name="FullFineTuning">Train the encoder too (<see cref="UniversalMetricModelBuilder.WithFullFineTuning"/>).</param>
/// <param name="CurricularFace">CurricularFace (s 32, m 0.3, proxies at the reference's ×1e4) instead of Proxy-Anchor.</param>
internal sealed record ModelVariant(bool Adapters, double DropPath, bool PromptPool, bool FullFineTuning, bool CurricularFace)
{
    public static ModelVariant Puma { get; } = new(true, 0.5, true, false, false);

    public static ModelVariant LinearHead { get; } = new(false, 0, false, false, false);

    public static ModelVariant FullFineTune { get; } = new(false, 0, false, true, false);

    public UniversalMetricModel Build(BaselineContext context, int seed)
    {
        var demo = context.Settings.Demo;
        var builder = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Hybrid(context.Backbone.ResNetOnnxPath, context.Backbone.Config, context.Backbone.EncoderPath))
            .WithEmbeddingDim(demo.EmbeddingDim)
            .WithFullFineTuning(FullFineTuning)
            .WithSeed(seed);
        if (Adapters) builder.WithStochasticAdapters(o => o.BottleneckDim(demo.AdapterBottleneck).DropProbability(DropPath));
        if (PromptPool) builder.WithPromptPool();
        if (CurricularFace) builder.WithCurricularFaceLoss();
        else builder.WithProxyAnchorLoss();
        return builder.Build();
    }

    /// <summary>The demo's recipe (cosine to 1 %, modules ×10, proxies ×100) with model selection on the validation split.</summary>
    public TrainingOptions Options(BaselineSettings settings, int seed) => new()
    {
        Epochs = settings.Epochs,
        BatchSize = settings.BatchSize,
        LearningRate = settings.LearningRate,
        Schedule = LearningRateSchedule.Cosine(finalFactor: 0.01),
        Seed = seed,
        BackboneLearningRateMultiplier = settings.FineTuneMultiplier,
        ProxyLearningRateMultiplier = CurricularFace ? 1e4 : 100,
        Selection = new ModelSelection { EvaluateEvery = settings.EvaluateEvery },
    };
}
