using Puma.Adapters;
using Puma.Models;
using Puma.Prompts;
using TorchSharp;

namespace Puma.Cli.Training;

/// <summary>Builds the PUMA model of <c>puma train</c> and <c>puma evaluate</c> from the same settings.</summary>
internal static class ImageModelFactory
{
    public static UniversalMetricModel Build(TrainSettings settings)
    {
        // Seeds the random backbone initialisation too (the builder's WithSeed covers only the trainable modules).
        torch.manual_seed(settings.Seed);
        var builder = UniversalMetricModel.CreateBuilder()
            .WithBackbone(BackboneChoice.Create(settings))
            .WithStochasticAdapters(o => o.BottleneckDim(settings.AdapterDim))
            .WithPromptPool()
            .WithEmbeddingDim(settings.EmbeddingDim)
            .WithSeed(settings.Seed);
        return TrainingRecipe.WithLoss(builder, settings.Recipe).Build();
    }
}
