using Puma.Adapters;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Models;

namespace Puma.Prompts.Tests;

/// <summary>Tiny PUMA configurations for fast tests.</summary>
internal static class TinyModels
{
    public static VitConfig TinyVit => new(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 16, ImageSize: 32);

    public static UniversalMetricModel Puma(int seed = 0, int components = 4, int length = 2) =>
        UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(TinyVit))
            .WithStochasticAdapters(a => a.BottleneckDim(8))
            .WithPromptPool(p => p.Components(components).Length(length))
            .WithEmbeddingDim(16)
            .WithSeed(seed)
            .Build();
}
