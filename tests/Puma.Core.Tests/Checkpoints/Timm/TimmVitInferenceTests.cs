using NUnit.Framework;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Checkpoints.Timm;
using Puma.Data;
using Puma.Models;
using Puma.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Checkpoints.Timm;

/// <summary>
/// Architecture inferred from the shapes, heads from option / config / preset, grid checks, and BR-32 · normalisation
/// constants taken from the checkpoint (metadata, sibling config.json) or the documented AugReg default.
/// </summary>
public class TimmVitInferenceTests
{
    private static readonly RgbImage Orange = RgbImage.Filled(32, 32, 255, 128, 0);
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = TimmTestData.NewFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string WriteSmall(IReadOnlyDictionary<string, string>? metadata = null, VitConfig? config = null)
    {
        var weights = TimmTestData.StateDict(config ?? TimmTestData.Small);
        try
        {
            return TimmTestData.Write(folder, "model.safetensors", weights, metadata);
        }
        finally
        {
            foreach (var t in weights.Values) t.Dispose();
        }
    }

    private static float[] OrangePixel(VisionTransformer encoder)
    {
        using var t = encoder.Stem.Preprocess([Orange]);
        return [t[0, 0, 5, 5].item<float>(), t[0, 1, 5, 5].item<float>(), t[0, 2, 5, 5].item<float>()];
    }

    private static void AssertConstants(ImageNormalization actual, ImageNormalization expected)
    {
        Assert.That(actual.Mean, Is.EqualTo(expected.Mean));
        Assert.That(actual.Std, Is.EqualTo(expected.Std));
    }

    [Test]
    public void ShapesGiveWidthDepthPatchMlpAndQkvBias()
    {
        var config = new VitConfig(EmbedDim: 48, Depth: 3, NumHeads: 4, PatchSize: 8, ImageSize: 24, MlpRatio: 2.0, QkvBias: false);
        var (encoder, report) = TimmVitImporter.Load(WriteSmall(config: config), new TimmVitOptions().Heads(4));
        using var _ = encoder;
        Assert.That(report.Config, Is.EqualTo(config));
        Assert.That(report.HeadsSource, Is.EqualTo("option"));
        Assert.That(encoder.Stem.GridSize, Is.EqualTo((3, 3)));
    }

    [TestCase(192, 3)]
    [TestCase(384, 6)]
    [TestCase(768, 12)]
    public void HeadsComeFromTheTimmPresetForTiSB(int width, int heads)
    {
        var preset = width switch { 192 => VitConfig.TinyPatch16(32), 384 => VitConfig.SmallPatch16(32), _ => VitConfig.BasePatch16(32) };
        var weights = TimmTestData.StateDict(preset with { Depth = 1 });
        try
        {
            var (encoder, report) = TimmVitImporter.Import(weights);
            using var _ = encoder;
            Assert.That(report.Config, Is.EqualTo(preset with { Depth = 1 }));
            Assert.That(report.Config.NumHeads, Is.EqualTo(heads));
            Assert.That(report.HeadsSource, Is.EqualTo($"timm preset for D {width}"));
        }
        finally
        {
            foreach (var t in weights.Values) t.Dispose();
        }
    }

    [Test]
    public void HeadsComeFromTheMetadataWhenStated()
    {
        var (encoder, report) = TimmVitImporter.Load(WriteSmall(new Dictionary<string, string> { ["num_heads"] = "6" }));
        using var _ = encoder;
        Assert.That(report.Config.NumHeads, Is.EqualTo(6));
        Assert.That(report.HeadsSource, Is.EqualTo("checkpoint config"));
    }

    [Test]
    public void UnknownHeadsAreRequestedNotGuessed()
    {
        var error = Assert.Throws<InvalidDataException>(() => TimmVitImporter.Load(WriteSmall()));
        Assert.That(error!.Message, Does.Contain("D 48").And.Contain("Heads(n)"));
    }

    [Test, Description("BR-18 in the importer: a non-square checkpoint grid is never guessed; stated, it is resampled")]
    public void NonSquareCheckpointGridMustBeStated()
    {
        var weights = TimmTestData.StateDict(TimmTestData.Small);
        weights["pos_embed"] = torch.randn(1, 1 + 2 * 3, 48);
        var error = Assert.Throws<InvalidDataException>(() => TimmVitImporter.Import(weights, new TimmVitOptions().Heads(3)));
        Assert.That(error!.Message, Does.Contain("[1,7,48]").And.Contain("not a square").And.Contain("CheckpointGrid"));

        var (encoder, report) = TimmVitImporter.Import(weights, new TimmVitOptions().Heads(3).CheckpointGrid(2, 3).ImageSize(32));
        using var _ = encoder;
        using var expected = PositionEmbeddingResampler.Resample(weights["pos_embed"], (2, 2), (2, 3));
        Assert.That(report.CheckpointGrid, Is.EqualTo((2, 3)));
        Assert.That(TimmTestData.BitEqual(encoder.PositionEmbedding, expected), Is.True);
        foreach (var t in weights.Values) t.Dispose();
    }

    [Test, Description("BR-32: no constants in the checkpoint → AugReg's mean = std = 0.5: orange → (1, 0.003922, −1)")]
    public void DefaultNormalisationIsAugRegHalf()
    {
        var (encoder, report) = TimmVitImporter.Load(WriteSmall(), new TimmVitOptions().Heads(3));
        using var _ = encoder;
        AssertConstants(report.Normalization, ImageNormalization.Half);
        Assert.That(report.NormalizationSource, Does.StartWith("default"));
        Assert.That(OrangePixel(encoder), Is.EqualTo(new[] { 1.000000f, 0.003922f, -1.000000f }).Within(1e-6f));
    }

    [Test, Description("BR-32: pretrained_cfg in the safetensors metadata (ImageNet constants) → orange (2.248908, 0.205182, −1.804444)")]
    public void MetadataPretrainedCfgSetsTheNormalisation()
    {
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["pretrained_cfg"] = "{\"mean\": [0.485, 0.456, 0.406], \"std\": [0.229, 0.224, 0.225], \"crop_pct\": 0.9}",
        };
        var (encoder, report) = TimmVitImporter.Load(WriteSmall(metadata), new TimmVitOptions().Heads(3));
        using var _ = encoder;
        AssertConstants(report.Normalization, ImageNormalization.ImageNet);
        Assert.That(report.NormalizationSource, Does.Contain("metadata pretrained_cfg"));
        Assert.That(OrangePixel(encoder), Is.EqualTo(new[] { 2.248908f, 0.205182f, -1.804444f }).Within(1e-6f));
    }

    [Test, Description("BR-32: the hub's config.json beside model.safetensors (CLIP constants) → orange (1.930336, 0.168897, −1.480220)")]
    public void SiblingConfigJsonSetsTheNormalisationAndHeads()
    {
        var path = WriteSmall();
        File.WriteAllText(Path.Combine(folder, "config.json"), """
            { "architecture": "vit_custom", "global_pool": "token", "model_args": { "num_heads": 3 },
              "pretrained_cfg": { "mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711] } }
            """);
        var (encoder, report) = TimmVitImporter.Load(path);
        using var _ = encoder;
        AssertConstants(report.Normalization, ImageNormalization.Clip);
        Assert.That(report.HeadsSource, Is.EqualTo("checkpoint config"));
        Assert.That(OrangePixel(encoder), Is.EqualTo(new[] { 1.930336f, 0.168897f, -1.480220f }).Within(1e-6f));
    }

    [Test]
    public void AnExplicitNormalisationWinsAndIsReported()
    {
        var metadata = new Dictionary<string, string> { ["mean"] = "[0.485, 0.456, 0.406]", ["std"] = "[0.229, 0.224, 0.225]" };
        var (encoder, report) = TimmVitImporter.Load(WriteSmall(metadata), new TimmVitOptions().Heads(3).Normalization(ImageNormalization.Half));
        using var _ = encoder;
        AssertConstants(report.Normalization, ImageNormalization.Half);
        Assert.That(report.NormalizationSource, Is.EqualTo("option"));
        Assert.That(report.ToString(), Does.Contain("mean (0.5, 0.5, 0.5) std (0.5, 0.5, 0.5) from option"));
    }

    [Test]
    public void AveragePooledCheckpointsAreRefused()
    {
        var path = WriteSmall();
        File.WriteAllText(Path.Combine(folder, "config.json"), "{ \"global_pool\": \"avg\", \"model_args\": { \"num_heads\": 3 } }");
        var error = Assert.Throws<InvalidDataException>(() => TimmVitImporter.Load(path));
        Assert.That(error!.Message, Does.Contain("global_pool is 'avg'"));
    }

    [Test]
    public void BadMetadataIsNamed()
    {
        var error = Assert.Throws<InvalidDataException>(() => TimmVitImporter.Load(WriteSmall(new Dictionary<string, string> { ["mean"] = "0.5,0.5,0.5" }),
            new TimmVitOptions().Heads(3)));
        Assert.That(error!.Message, Does.Contain("only one of 'mean' and 'std'"));
    }

    [Test]
    public void TheBuilderTakesATimmCheckpointAndDescribesTheImport()
    {
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.TimmVit(Fixtures.VitReference("tiny_vit.safetensors"), o => o.Heads(3).IgnoreClassifierHead().ImageSize(96)))
            .WithEmbeddingDim(16)
            .Build();
        Assert.That(model.Backbone.Stem.GridSize, Is.EqualTo((6, 6)));
        Assert.That(model.Description.Backbone, Does.Contain("timm ViT D96 depth 2 heads 3 (option) patch 16 @ 96px from tiny_vit.safetensors")
            .And.Contain("pos_embed 4×4 → 6×6").And.Contain("ignored head.bias, head.weight"));
        Assert.That(model.Backbone.parameters().All(p => !p.requires_grad), Is.True, "the imported backbone is frozen");
    }

    [Test]
    public void TheBuilderReportsAMissingFileAndBadOptionsTogether()
    {
        var error = Assert.Throws<ArgumentException>(() => UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.TimmVit(Path.Combine(folder, "absent.safetensors"), o => o.Heads(0))).Build());
        Assert.That(error!.Message, Does.Contain("absent.safetensors").And.Contain("Heads must be positive"));
    }
}
