using NUnit.Framework;
using Puma.Adapters;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Data;
using Puma.Models;
using Puma.Testing;
using Puma.Training;
using TorchSharp;

namespace Puma.Prompts.Tests;

/// <summary>The whole PUMA model trained on image files (augmented on the fly) through <c>FitAsync(UniversalDataset, …)</c>.</summary>
public class PumaImageTrainingTests
{
    private string root = "";

    [SetUp]
    public void CreateFolder() => root = Directory.CreateTempSubdirectory("puma-image-training-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(root, recursive: true);

    private UniversalDataset Patterns(string split, int imagesPerClass, int seed) => UniversalDataset.Combine(
        SyntheticImages.WriteFolder(Path.Combine(root, split), "stripes", classes: 3, imagesPerClass, seed),
        SyntheticImages.WriteFolder(Path.Combine(root, split), "more-stripes", classes: 3, imagesPerClass, seed + 100, firstPattern: 3));

    /// <summary>
    /// The whole PUMA model (frozen tiny ViT, stochastic adapters, prompt pool, head) trains on image files through
    /// <c>FitAsync(UniversalDataset, …)</c> with PUMA's default augmentation: the loss falls from the first epoch to the
    /// last, the adapters and prompts move away from their initial values and the frozen backbone does not.
    /// </summary>
    [Test]
    public async Task PumaTrainsOnAugmentedImageFiles()
    {
        var train = Patterns("train", imagesPerClass: 5, seed: 3);
        torch.manual_seed(5);
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(new VitConfig(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 8, ImageSize: 32)))
            .WithStochasticAdapters(a => a.BottleneckDim(16))
            .WithPromptPool(p => p.Components(4).Length(2))
            .WithEmbeddingDim(16)
            .WithSeed(5)
            .Build();
        var initial = Snapshot(model);

        var report = await model.FitAsync(train, new TrainingOptions { Epochs = 5, BatchSize = 10, LearningRate = 1e-3 },
            images: new ImagePipelineOptions { Threads = 2 });

        var final = Snapshot(model);
        Assert.That(report.Steps, Is.EqualTo(5 * 3));
        Assert.That(report.EpochLosses[^1], Is.LessThan(report.EpochLosses[0]));
        foreach (var (name, values) in initial)
        {
            double change = values.Zip(final[name]).Max(p => Math.Abs(p.First - p.Second));
            if (name.StartsWith("backbone.", StringComparison.Ordinal)) Assert.That(change, Is.EqualTo(0), name);
            else if (name.StartsWith("adapter.", StringComparison.Ordinal) || name.StartsWith("prompt.", StringComparison.Ordinal))
                Assert.That(change, Is.GreaterThan(0), name);
        }
    }

    private static Dictionary<string, float[]> Snapshot(UniversalMetricModel model)
    {
        using var scope = torch.NewDisposeScope();
        return model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().cpu().data<float>().ToArray());
    }
}
