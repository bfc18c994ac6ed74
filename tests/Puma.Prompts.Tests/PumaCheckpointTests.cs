using NUnit.Framework;
using Puma.Adapters;
using Puma.Backbones;
using Puma.Features;
using Puma.IO;
using Puma.Models;
using Puma.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Prompts.Tests;

/// <summary>BR-22: trainable-only save/load round trip, strictness, and file content.</summary>
public class PumaCheckpointTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-ckpt-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task RoundTripRestoresEmbeddingsBitForBitAndStoresNoBackboneWeights()
    {
        using var trained = Build(backboneSeed: 11, bottleneck: 8);
        using var train = RandomFeatures(trained, count: 16, classes: 4);
        await trained.FitAsync(train, new TrainingOptions { Epochs = 2, BatchSize = 8, LearningRate = 1e-3 });
        string path = Path.Combine(folder, "trainable.safetensors");
        trained.SaveTrainable(path);

        using var fresh = Build(backboneSeed: 11, bottleneck: 8);
        var upBefore = fresh.TrainableParameters().First(p => p.Name == "adapter.blocks.0.attn.up.weight").Parameter;
        Assert.That(upBefore.abs().max().item<float>(), Is.EqualTo(0f), "a fresh model has zero up-projections");
        fresh.LoadTrainable(path);
        Assert.That(upBefore.abs().max().item<float>(), Is.GreaterThan(0f), "training moved the up-projection and loading restored it");

        using var scope = torch.NewDisposeScope();
        trained.eval();
        fresh.eval();
        using var noGrad = torch.no_grad();
        var images = torch.randn(4, 3, 32, 32);
        var before = trained.forward(images);
        var after = fresh.forward(images);
        Assert.Multiple(() =>
        {
            Assert.That((before - after).abs().max().item<float>(), Is.EqualTo(0f), "bit-identical embeddings");
            Assert.That(fresh.TrainableParameters().All(p => p.Parameter.requires_grad), Is.True, "trainable flags restored");
            Assert.That(fresh.Loss, Is.Not.Null, "proxies restored");
            Assert.That((fresh.Loss!.Proxies - trained.Loss!.Proxies).abs().max().item<float>(), Is.EqualTo(0f));
            var names = SafeTensorsReader.ReadHeader(path).Tensors.Select(t => t.Name).ToList();
            Assert.That(names, Has.None.StartsWith("backbone."), "no backbone weights in the file");
            long scalars = trained.TrainableParameterCount + 4 * 16;
            Assert.That(new FileInfo(path).Length, Is.InRange(scalars * 4, scalars * 4 + 8192), "≈ trainable count × 4 bytes + header");
        });
    }

    [Test]
    public async Task TopKModelRoundTripsWithoutAttentionVectors()
    {
        using var trained = Build(backboneSeed: 5, bottleneck: 8, topK: 2);
        using var train = RandomFeatures(trained, count: 16, classes: 4);
        await trained.FitAsync(train, new TrainingOptions { Epochs = 1, BatchSize = 8, LearningRate = 1e-3 });
        string path = Path.Combine(folder, "topk.safetensors");
        trained.SaveTrainable(path);
        var names = SafeTensorsReader.ReadHeader(path).Tensors.Select(t => t.Name).ToList();
        Assert.That(names, Does.Contain("prompt.keys").And.Contain("prompt.components").And.Not.Contain("prompt.attention"));

        using var fresh = Build(backboneSeed: 5, bottleneck: 8, topK: 2);
        fresh.LoadTrainable(path);
        using var scope = torch.NewDisposeScope();
        trained.eval();
        fresh.eval();
        using var noGrad = torch.no_grad();
        var images = torch.randn(4, 3, 32, 32);
        Assert.That((trained.forward(images) - fresh.forward(images)).abs().max().item<float>(), Is.EqualTo(0f));

        using var attentionModel = Build(backboneSeed: 5, bottleneck: 8);
        var error = Assert.Throws<InvalidDataException>(() => attentionModel.LoadTrainable(path));
        Assert.That(error!.Message, Does.Contain("missing key 'prompt.attention'"));
    }

    [Test]
    public void MissingAdapterKeyIsNamed()
    {
        using var model = Build(backboneSeed: 1, bottleneck: 8);
        string path = Path.Combine(folder, "t.safetensors");
        model.SaveTrainable(path);
        var values = SafeTensorsReader.Read(path);
        values.Remove("adapter.blocks.1.mlp.up.weight");
        SafeTensorsWriter.Write(path, values);
        var error = Assert.Throws<InvalidDataException>(() => model.LoadTrainable(path));
        Assert.That(error!.Message, Does.Contain("missing key 'adapter.blocks.1.mlp.up.weight'"));
    }

    [Test]
    public void RankMismatchNamesKeyAndBothShapes()
    {
        using var saved = Build(backboneSeed: 1, bottleneck: 8);
        string path = Path.Combine(folder, "t.safetensors");
        saved.SaveTrainable(path);
        using var other = Build(backboneSeed: 1, bottleneck: 4);
        var error = Assert.Throws<InvalidDataException>(() => other.LoadTrainable(path));
        Assert.That(error!.Message, Does.Contain("adapter.blocks.0.attn.down.weight").And.Contain("[8,32]").And.Contain("[4,32]"));
    }

    private static UniversalMetricModel Build(int backboneSeed, int bottleneck, int topK = 0)
    {
        torch.manual_seed(backboneSeed);
        return UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(TinyModels.TinyVit))
            .WithStochasticAdapters(a => a.BottleneckDim(bottleneck))
            .WithPromptPool(p => { p.Components(4).Length(2); if (topK > 0) p.TopK(topK); })
            .WithEmbeddingDim(16)
            .WithSeed(backboneSeed + 100)
            .Build();
    }

    private static FeatureDataset RandomFeatures(UniversalMetricModel model, int count, int classes)
    {
        Tensor features;
        using (torch.no_grad()) features = model.Backbone.Stem.features(torch.randn(count, 3, 32, 32));
        var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        return new FeatureDataset(features, labels, new int[count], ["random"], classes);
    }
}
