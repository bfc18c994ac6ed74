using NUnit.Framework;
using Puma.Backbones.Vit;
using Puma.Cli.Training;
using Puma.IO;
using TorchSharp;

namespace Puma.Cli.Tests.Training;

public class BackboneChoiceTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-weights-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void WeightsInPumaLayoutLoadStrictly()
    {
        var config = BackboneChoice.Config("vit-ti16", 32);
        string path = Path.Combine(folder, "vit.safetensors");
        torch.manual_seed(1);
        using (var source = new VisionTransformer(config, new PatchEmbed(32, 16, 3, config.EmbedDim)))
        {
            using var scope = torch.NewDisposeScope();
            SafeTensorsWriter.Write(path, source.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach()), new Dictionary<string, string>());
        }
        torch.manual_seed(2);
        using var encoder = BackboneChoice.Create(new TrainSettings { Preset = "vit-ti16", ImageSize = 32, Weights = path }).Create();
        using (var scope = torch.NewDisposeScope())
        {
            var expected = SafeTensorsReader.Read(path);
            foreach (var (name, parameter) in encoder.named_parameters())
                Assert.That((parameter - expected[name]).abs().max().item<float>(), Is.EqualTo(0f), name);
        }
    }

    [Test]
    public void WeightsForAnotherImageSizeAreResampledAndTheRestLoadsUnchanged()
    {
        var small = BackboneChoice.Config("vit-ti16", 32);
        string path = Path.Combine(folder, "vit.safetensors");
        using (var source = new VisionTransformer(small, new PatchEmbed(32, 16, 3, small.EmbedDim)))
        {
            using var scope = torch.NewDisposeScope();
            SafeTensorsWriter.Write(path, source.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach()), new Dictionary<string, string>());
        }
        using var encoder = BackboneChoice.Create(new TrainSettings { Preset = "vit-ti16", ImageSize = 64, Weights = path }).Create();
        using var scope2 = torch.NewDisposeScope();
        var expected = SafeTensorsReader.Read(path);
        Assert.That(encoder.PositionEmbedding.shape, Is.EqualTo(new long[] { 1, 1 + 4 * 4, small.EmbedDim }), "2×2 grid resampled to 4×4");
        Assert.That((encoder.PositionEmbedding.narrow(1, 0, 1) - expected["pos_embed"].narrow(1, 0, 1)).abs().max().item<float>(), Is.EqualTo(0f),
            "the CLS position is copied");
        foreach (var (name, parameter) in encoder.named_parameters().Where(p => p.name != "pos_embed"))
            Assert.That((parameter - expected[name]).abs().max().item<float>(), Is.EqualTo(0f), name);
    }

    [Test]
    public void WeightsOfAnotherWidthAreRefusedByName()
    {
        var wide = BackboneChoice.Config("vit-s16", 32) with { Depth = 1 };
        string path = Path.Combine(folder, "vit.safetensors");
        using (var source = new VisionTransformer(wide, new PatchEmbed(32, 16, 3, wide.EmbedDim)))
        {
            using var scope = torch.NewDisposeScope();
            SafeTensorsWriter.Write(path, source.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach()), new Dictionary<string, string>());
        }
        var error = Assert.Throws<InvalidDataException>(() => BackboneChoice.Create(new TrainSettings { Preset = "vit-ti16", ImageSize = 32, Weights = path }))!;
        Assert.That(error.Message, Does.Contain("width 384").And.Contain("width 192").And.Contain(path));
    }

    [Test]
    public void UnknownPresetsAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => BackboneChoice.Config("vit-huge", 224))!;
        Assert.That(error.Message, Does.Contain("vit-huge").And.Contain("vit-s16"));
    }
}
