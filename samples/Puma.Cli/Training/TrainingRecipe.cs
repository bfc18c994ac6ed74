using Puma.Models;
using Puma.Training;
using Puma.Training.Selection;

namespace Puma.Cli.Training;

/// <summary>
/// The loss, schedule and proxy rate of <c>puma train</c>: <c>default</c> (Proxy-Anchor α 32 δ 0.1, cosine decay to 1 %,
/// proxies at ×100) or <c>paper</c>, the authors' main PUMA run (CurricularFace s 32 m 0.3 with per-class t, the rate
/// halved every 20 epochs, proxies at ×1e4; adapters, prompts and head at ×10, weight decay 1e-4 and gradients clamped
/// to ±1 in both). Epochs, batch size, rate, image size and the backbone stay the caller's options.
/// </summary>
internal static class TrainingRecipe
{
    public const string Default = "default";
    public const string Paper = "paper";

    public static IReadOnlyList<string> Names { get; } = [Default, Paper];

    /// <summary>Throws when <paramref name="recipe"/> is not one of <see cref="Names"/>.</summary>
    public static void Validate(string recipe)
    {
        if (!Names.Contains(recipe))
            throw new ArgumentException($"Unknown --recipe '{recipe}'. Known: {string.Join(", ", Names)}.");
    }

    public static UniversalMetricModelBuilder WithLoss(UniversalMetricModelBuilder builder, string recipe)
    {
        Validate(recipe);
        return recipe == Paper ? builder.WithCurricularFaceLoss(scale: 32, margin: 0.3) : builder.WithProxyAnchorLoss(alpha: 32, margin: 0.1);
    }

    public static TrainingOptions Options(TrainSettings settings)
    {
        Validate(settings.Recipe);
        var common = new TrainingOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            Seed = settings.Seed,
            Selection = settings.ValidationFraction > 0 ? new ModelSelection { EvaluateEvery = settings.EvaluateEvery } : null,
        };
        return settings.Recipe == Paper
            ? common with { ProxyLearningRateMultiplier = 1e4, Schedule = LearningRateSchedule.Step(20, 0.5) }
            : common with { Schedule = LearningRateSchedule.Cosine(finalFactor: 0.01) };
    }
}
