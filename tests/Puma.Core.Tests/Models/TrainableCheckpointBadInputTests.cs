using NUnit.Framework;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Features;
using Puma.IO;
using Puma.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Models;

/// <summary>LoadTrainable refuses damaged or foreign checkpoints by name and leaves the model unchanged when it does.</summary>
public class TrainableCheckpointBadInputTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-trainable-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static UniversalMetricModel Model(int embeddingDim = 8, int seed = 5)
    {
        torch.manual_seed(seed);
        return UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(new VitConfig(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 8, ImageSize: 16)))
            .WithEmbeddingDim(embeddingDim)
            .Build();
    }

    /// <summary>A checkpoint of <paramref name="model"/> (with 3 proxies) whose tensors <paramref name="edit"/> may change.</summary>
    private string Saved(UniversalMetricModel model, Action<Dictionary<string, Tensor>>? edit = null)
    {
        string path = Path.Combine(folder, "trainable.safetensors");
        var features = torch.randn(6, 4, 32);
        using (var data = new FeatureDataset(features, [0, 1, 2, 0, 1, 2], new int[6], ["d"], 3))
            model.FitAsync(data, new Puma.Training.TrainingOptions { Epochs = 1, BatchSize = 3 }).GetAwaiter().GetResult();
        model.SaveTrainable(path);
        if (edit is null) return path;
        var header = SafeTensorsReader.ReadHeader(path);
        var tensors = SafeTensorsReader.Read(path);
        edit(tensors);
        SafeTensorsWriter.Write(path, tensors, header.Metadata.ToDictionary());
        foreach (var t in tensors.Values) t.Dispose();
        return path;
    }

    private static float[] Head(UniversalMetricModel model) =>
        model.TrainableParameters().Single(p => p.Name == "head.proj.weight").Parameter.detach().data<float>().ToArray();

    [Test]
    public void NaNInAWeightIsRefusedByNameAndNothingChanges()
    {
        using var source = Model();
        string path = Saved(source, t => t["head.proj.weight"][3, 1] = torch.tensor(float.NaN));
        using var target = Model(seed: 9);
        float[] before = Head(target);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadTrainable(path))!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("'head.proj.weight' holds 1 non-finite value, first NaN at [3, 1]"));
        Assert.That(Head(target), Is.EqualTo(before), "no parameter was overwritten");
        Assert.That(target.Loss, Is.Null, "no loss was created");
    }

    [Test]
    public void InfinityInTheProxiesIsRefusedByName()
    {
        using var source = Model();
        string path = Saved(source, t => t["loss.proxies"][2, 0] = torch.tensor(float.NegativeInfinity));
        using var target = Model(seed: 9);
        float[] before = Head(target);
        var error = Assert.Throws<InvalidDataException>(() => target.LoadTrainable(path))!;
        Assert.That(error.Message, Does.Contain("'loss.proxies' holds 1 non-finite value, first -Infinity at [2, 0]"));
        Assert.That(Head(target), Is.EqualTo(before));
    }

    [Test]
    public void ACheckpointOfAnotherEmbeddingSizeNamesBothConfigurations()
    {
        using var source = Model(embeddingDim: 8);
        string path = Saved(source);
        using var target = Model(embeddingDim: 16);
        var error = Assert.Throws<InvalidDataException>(() => target.LoadTrainable(path))!;
        Assert.That(error.Message, Does.Contain("embedding_dim is '8' in the file, '16' in the model"));
        Assert.That(error.Message, Does.Contain("shape mismatch for 'head.proj.weight': checkpoint [8,32], model [16,32]"));
        Assert.That(error.Message, Does.Contain("'loss.proxies' has shape [3,8]"));
    }

    [Test]
    public void AFileOfAnotherFormatIsRefused()
    {
        string path = Path.Combine(folder, "features.safetensors");
        using (var data = new FeatureDataset(torch.zeros(2, 4, 32), [0, 1], [0, 0], ["d"], 2)) FeatureCache.Save(data, path, "k");
        using var model = Model();
        var error = Assert.Throws<InvalidDataException>(() => model.LoadTrainable(path))!;
        Assert.That(error.Message, Does.Contain("puma-features-v1").And.Contain(UniversalMetricModel.TrainableFormat));
    }

    [Test]
    public void MissingTruncatedAndEmptyFilesAreNamed()
    {
        using var model = Model();
        Assert.Throws<FileNotFoundException>(() => model.LoadTrainable(Path.Combine(folder, "none.safetensors")));
        string path = Saved(model);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 5)]);
        Assert.That(Assert.Throws<InvalidDataException>(() => model.LoadTrainable(path))!.Message, Does.Contain(path));
        File.WriteAllBytes(path, []);
        Assert.That(Assert.Throws<InvalidDataException>(() => model.LoadTrainable(path))!.Message, Does.Contain(path));
        Assert.Throws<ArgumentException>(() => model.LoadTrainable(" "));
    }

    [Test]
    public void ACheckpointTrainedOnAnotherInputNormalizationIsRefusedByName()
    {
        using var source = Model();
        string path = Saved(source);
        var stored = SafeTensorsReader.ReadHeader(path).Metadata;
        Assert.That(stored["input_normalization"], Is.EqualTo("mean=0.5,0.5,0.5;std=0.5,0.5,0.5"));
        Assert.That(stored["input_shape"], Is.EqualTo("3x16x16"));

        var config = new VitConfig(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 8, ImageSize: 16);
        torch.manual_seed(9);
        var encoder = new Puma.Backbones.Vit.VisionTransformer(config, new PatchEmbed(16, 8, 3, 32, Puma.Data.ImageNormalization.ImageNet));
        using var target = UniversalMetricModel.CreateBuilder().WithBackbone(Backbone.Prebuilt(encoder, "imagenet-normalised")).WithEmbeddingDim(8).Build();
        float[] before = Head(target);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadTrainable(path))!;
        Assert.That(error.Message, Does.Contain("input_normalization").And.Contain("mean=0.485,0.456,0.406"));
        Assert.That(Head(target), Is.EqualTo(before), "nothing loaded");
    }

    [Test]
    public void ACheckpointWithoutRecordedInputsStillLoads()
    {
        using var source = Model();
        string path = Saved(source);
        var header = SafeTensorsReader.ReadHeader(path);
        var tensors = SafeTensorsReader.Read(path);
        var metadata = header.Metadata.Where(kv => !kv.Key.StartsWith("input_", StringComparison.Ordinal)).ToDictionary();
        SafeTensorsWriter.Write(path, tensors, metadata);
        foreach (var t in tensors.Values) t.Dispose();

        using var target = Model(seed: 9);
        target.LoadTrainable(path);
        Assert.That(Head(target), Is.EqualTo(Head(source)), "files written before inputs were recorded are trusted as before");
    }
}
