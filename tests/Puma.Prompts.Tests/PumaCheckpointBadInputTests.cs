using NUnit.Framework;
using Puma.Adapters;
using Puma.Backbones;
using Puma.Models;
using TorchSharp;

namespace Puma.Prompts.Tests;

/// <summary>A checkpoint from another PUMA configuration is refused even when every shape matches.</summary>
public class PumaCheckpointBadInputTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-ckpt-config-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static UniversalMetricModel Build(double scale, double drop = 0.5, double orthogonality = 1)
    {
        torch.manual_seed(1);
        return UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(TinyModels.TinyVit))
            .WithStochasticAdapters(a => a.BottleneckDim(8).Scale(scale).DropProbability(drop))
            .WithPromptPool(p => p.Components(4).Length(2).Orthogonality(orthogonality))
            .WithEmbeddingDim(16)
            .WithSeed(2)
            .Build();
    }

    [Test]
    public void AnotherAdapterScaleIsNamedWithBothSettings()
    {
        string path = Path.Combine(folder, "t.safetensors");
        using (var saved = Build(scale: 0.1)) saved.SaveTrainable(path);
        using var other = Build(scale: 0.5);
        var error = Assert.Throws<InvalidDataException>(() => other.LoadTrainable(path))!;
        Assert.That(error.Message, Does.Contain("another configuration").And.Contain("adapter")
            .And.Contain("stochastic adapters r=8 p=0.5 s=0.1").And.Contain("stochastic adapters r=8 p=0.5 s=0.5"));
    }

    [Test]
    public void AnotherPromptSettingIsNamed()
    {
        string path = Path.Combine(folder, "t.safetensors");
        using (var saved = Build(scale: 0.1)) saved.SaveTrainable(path);
        using var other = Build(scale: 0.1, orthogonality: 0);
        var error = Assert.Throws<InvalidDataException>(() => other.LoadTrainable(path))!;
        Assert.That(error.Message, Does.Contain("prompt is 'prompt pool M=4 L=2 λ=1' in the file, 'prompt pool M=4 L=2 λ=0' in the model"));
    }

    [Test]
    public void DescriptionsDoNotDependOnTheCulture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            using var model = Build(scale: 0.1);
            Assert.That(model.Description.Adapter, Is.EqualTo("stochastic adapters r=8 p=0.5 s=0.1"));
            Assert.That(model.Description.Loss, Is.EqualTo("proxy-anchor α=32 δ=0.1"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }
}
