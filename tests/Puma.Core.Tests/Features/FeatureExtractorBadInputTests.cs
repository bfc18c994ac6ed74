using NUnit.Framework;
using Puma.Backbones.Vit;
using Puma.Core.Tests.Data;
using Puma.Data;
using Puma.Features;
using Puma.Testing;
using TorchSharp;

namespace Puma.Core.Tests.Features;

/// <summary>An undecodable image stops extraction with the decoder's named error, or is skipped with a warning when asked.</summary>
public class FeatureExtractorBadInputTests
{
    private string root = "";
    private string brokenPath = "";
    private PatchEmbed stem = null!;

    [SetUp]
    public void CreateDataset()
    {
        root = TestImages.NewTempFolder();
        foreach (var (cls, files) in new[] { ("a", new[] { "0.png", "1.png" }), ("b", new[] { "0.png", "1.png" }) })
        {
            Directory.CreateDirectory(Path.Combine(root, cls));
            foreach (var file in files)
                File.WriteAllBytes(Path.Combine(root, cls, file), TestImages.RgbaPng(16, 16, TestImages.Solid(16, 16, (byte)(cls[0] * 2), 10, 20)));
        }
        brokenPath = Path.Combine(root, "a", "1.png");
        File.WriteAllBytes(brokenPath, TestImages.RgbaPng(16, 16, TestImages.Solid(16, 16, 1, 2, 3))[..40]);
        torch.manual_seed(1);
        stem = new PatchEmbed(16, 8, 3, 32);
    }

    [TearDown]
    public void Delete()
    {
        stem.Dispose();
        Directory.Delete(root, recursive: true);
    }

    private UniversalDataset Data() => UniversalDataset.Combine(ImageFolder.Load(root, "d"));

    [Test]
    public void ByDefaultTheDecodersErrorNamesTheFile()
    {
        long before = torch.Tensor.TotalCount;
        var error = Assert.Throws<InvalidDataException>(() => new FeatureExtractor(stem) { BatchSize = 3 }.Extract(Data()))!;
        Assert.That(error.Message, Does.Contain(brokenPath));
        Assert.That(torch.Tensor.TotalCount, Is.LessThanOrEqualTo(before), "the feature buffer is disposed on the error path");
    }

    [Test]
    public void SkipWithWarningLeavesTheSampleOutAndKeepsLabelsAligned()
    {
        var logger = new ListLogger();
        var extractor = new FeatureExtractor(stem, logger) { BatchSize = 3, UndecodableImages = UndecodableImageHandling.SkipWithWarning };
        using var features = extractor.Extract(Data());
        Assert.That(features.Count, Is.EqualTo(3));
        Assert.That(features.Labels, Is.EqualTo(new[] { 0, 1, 1 }), "a/0, b/0, b/1");
        Assert.That(features.NumClasses, Is.EqualTo(2), "the declared class count is kept");
        Assert.That(logger.Warnings, Has.Some.Contain(brokenPath));
        // Sample b/0 computed alone equals its row: skipping shifts rows without mixing them.
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var alone = stem.features(stem.Preprocess([ImageDecoder.Decode(Path.Combine(root, "b", "0.png"))]));
        Assert.That((features.Features[1] - alone[0]).abs().max().item<float>(), Is.EqualTo(0f));
    }

    [Test]
    public void EveryImageBrokenIsAnError()
    {
        foreach (var file in Directory.GetFiles(root, "*.png", SearchOption.AllDirectories)) File.WriteAllText(file, "no");
        var error = Assert.Throws<InvalidDataException>(() =>
            new FeatureExtractor(stem) { UndecodableImages = UndecodableImageHandling.SkipWithWarning }.Extract(Data()))!;
        Assert.That(error.Message, Does.Contain("None of the 4 images"));
    }

    [Test]
    public void AMissingFileIsNamed()
    {
        var data = Data();
        File.Delete(Path.Combine(root, "b", "1.png"));
        File.WriteAllBytes(brokenPath, TestImages.RgbaPng(16, 16, TestImages.Solid(16, 16, 1, 2, 3)));
        var error = Assert.Throws<FileNotFoundException>(() => new FeatureExtractor(stem).Extract(data))!;
        Assert.That(error.FileName, Does.EndWith(Path.Combine("b", "1.png")));
    }
}
