using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Features;
using Puma.Losses;
using Puma.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Training;

/// <summary>Tiny models (ViT D32, depth 2, 32 px, head only) and random cached features for fast training tests.</summary>
internal static class TrainingTestData
{
    public static VitConfig TinyVit => new(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 16, ImageSize: 32);

    public static UniversalMetricModel Model(MetricLossSpec? loss = null, int seed = 1)
    {
        torch.manual_seed(seed);
        var builder = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(TinyVit))
            .WithEmbeddingDim(8)
            .WithSeed(seed + 100);
        if (loss is not null) builder.WithLoss(loss);
        return builder.Build();
    }

    /// <summary>Stem features of random images, in one dataset; labels cycle through the classes.</summary>
    public static FeatureDataset RandomFeatures(UniversalMetricModel model, int count, int classes, int seed = 7)
    {
        torch.manual_seed(seed);
        Tensor features;
        using (torch.no_grad()) features = model.Backbone.Stem.features(torch.randn(count, 3, 32, 32));
        var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        return new FeatureDataset(features, labels, new int[count], ["random"], classes);
    }
}
