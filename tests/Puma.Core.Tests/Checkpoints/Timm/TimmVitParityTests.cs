using NUnit.Framework;
using Puma.Checkpoints.Timm;
using Puma.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Checkpoints.Timm;

/// <summary>
/// The imported ViT equals a plain-PyTorch timm-architecture ViT on the same weights (tests/Fixtures/vit-reference,
/// scripts/vit_reference.py): D 96, depth 2, 3 heads, patch 16, trained grid 4×4 (64 px). Relative error ≤ 1e-5 in
/// float32, also after resampling to 96 px, from F16/BF16 weight files (BR-35) and from the AugReg .npz layout.
/// </summary>
public class TimmVitParityTests
{
    private const double Tolerance = 1e-5;

    private static TimmVitOptions Options() => new TimmVitOptions().Heads(3).IgnoreClassifierHead();

    [Test]
    public void SafetensorsImportMatchesPyTorchAt64Pixels()
    {
        var (encoder, report) = TimmVitImporter.Load(Fixtures.VitReference("tiny_vit.safetensors"), Options());
        using var _ = encoder;
        using var scope = torch.NewDisposeScope();
        var expected = TimmTestData.Fixture("expected.safetensors");
        var tokens = TimmTestData.Tokens(encoder, TimmTestData.Fixture("inputs.safetensors")["images64"]);
        TestContext.Out.WriteLine($"64 px: relative error tokens {TimmTestData.RelativeError(tokens, expected["tokens64"]):E2}, " +
                                  $"CLS {TimmTestData.RelativeError(tokens.select(1, 0), expected["cls64"]):E2}");
        Assert.Multiple(() =>
        {
            Assert.That(report.Config, Is.EqualTo(new Puma.Backbones.Vit.VitConfig(96, 2, 3, 16, 64, 4.0, true, 1e-6)));
            Assert.That(report.Resampled, Is.False);
            Assert.That(report.IgnoredKeys, Is.EqualTo(new[] { "head.bias", "head.weight" }));
            Assert.That(TimmTestData.RelativeError(tokens, expected["tokens64"]), Is.LessThanOrEqualTo(Tolerance), "final tokens");
            Assert.That(TimmTestData.RelativeError(tokens.select(1, 0), expected["cls64"]), Is.LessThanOrEqualTo(Tolerance), "CLS feature");
        });
    }

    [Test, Description("BR-18 in use: the 4×4 checkpoint grid resampled (bicubic, antialias) for 96 px matches timm's resample_abs_pos_embed")]
    public void ResampledImportMatchesPyTorchAt96Pixels()
    {
        var (encoder, report) = TimmVitImporter.Load(Fixtures.VitReference("tiny_vit.safetensors"), Options().ImageSize(96));
        using var _ = encoder;
        using var scope = torch.NewDisposeScope();
        var expected = TimmTestData.Fixture("expected.safetensors");
        var tokens = TimmTestData.Tokens(encoder, TimmTestData.Fixture("inputs.safetensors")["images96"]);
        TestContext.Out.WriteLine($"96 px: relative error tokens {TimmTestData.RelativeError(tokens, expected["tokens96"]):E2}, " +
                                  $"CLS {TimmTestData.RelativeError(tokens.select(1, 0), expected["cls96"]):E2}");
        Assert.Multiple(() =>
        {
            Assert.That(report.CheckpointGrid, Is.EqualTo((4, 4)));
            Assert.That(report.ModelGrid, Is.EqualTo((6, 6)));
            Assert.That(report.ToString(), Does.Contain("4×4 → 6×6"));
            Assert.That(TimmTestData.RelativeError(tokens, expected["tokens96"]), Is.LessThanOrEqualTo(Tolerance), "final tokens");
            Assert.That(TimmTestData.RelativeError(tokens.select(1, 0), expected["cls96"]), Is.LessThanOrEqualTo(Tolerance), "CLS feature");
        });
    }

    [Test, Description("BR-35 · F16 and BF16 weight files: upcast exactly; CLS equals PyTorch on the rounded weights; cosine to F32 ≥ 0.99999 (F16), ≥ 0.999 (BF16)")]
    public void HalfPrecisionWeightFilesMatchPyTorchOnRoundedWeights([Values(ScalarType.Float16, ScalarType.BFloat16)] ScalarType dtype)
    {
        var folder = TimmTestData.NewFolder();
        try
        {
            string path;
            using (var scope = torch.NewDisposeScope())
            {
                var rounded = TimmTestData.Fixture("tiny_vit.safetensors").ToDictionary(kv => kv.Key, kv => kv.Value.to(dtype));
                path = TimmTestData.Write(folder, $"tiny_vit_{dtype}.safetensors", rounded);
            }
            var (encoder, _) = TimmVitImporter.Load(path, Options());
            using var e = encoder;
            using var s = torch.NewDisposeScope();
            var expected = TimmTestData.Fixture("expected.safetensors");
            var cls = TimmTestData.Tokens(encoder, TimmTestData.Fixture("inputs.safetensors")["images64"]).select(1, 0);
            var weights = TimmTestData.Fixture("tiny_vit.safetensors");
            string expectedName = dtype == ScalarType.Float16 ? "cls64_f16w" : "cls64_bf16w";
            TestContext.Out.WriteLine($"{dtype}: relative error vs PyTorch on rounded weights {TimmTestData.RelativeError(cls, expected[expectedName]):E2}, " +
                                      $"min cosine to float32 {TimmTestData.MinCosine(cls, expected["cls64"]):F8}");
            Assert.Multiple(() =>
            {
                foreach (var (name, p) in encoder.named_parameters())
                {
                    Assert.That(p.dtype, Is.EqualTo(ScalarType.Float32), name);
                    Assert.That(TimmTestData.BitEqual(p, weights[name].to(dtype).to(ScalarType.Float32)), Is.True, $"{name} holds the rounded value exactly");
                }
                string reference = dtype == ScalarType.Float16 ? "cls64_f16w" : "cls64_bf16w";
                Assert.That(TimmTestData.RelativeError(cls, expected[reference]), Is.LessThanOrEqualTo(Tolerance), reference);
                double minCos = TimmTestData.MinCosine(cls, expected["cls64"]);
                Assert.That(minCos, Is.GreaterThanOrEqualTo(dtype == ScalarType.Float16 ? 0.99999 : 0.999), "cosine to float32");
                Assert.That(TimmTestData.RelativeError(cls, expected["cls64"]), Is.GreaterThan(0), "rounding is visible");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test, Description("Item 4: the authors' AugReg .npz layout (jax names, HWIO / [D, H, D/H] kernels) gives the same weights and embeddings")]
    public void AugRegNpzImportMatchesPyTorch()
    {
        var (fromNpz, report) = TimmVitImporter.Load(Fixtures.VitReference("tiny_vit.npz"), Options());
        using var _ = fromNpz;
        using var scope = torch.NewDisposeScope();
        TimmTestData.AssertSameParameters(fromNpz, TimmTestData.Fixture("tiny_vit.safetensors").Where(kv => !kv.Key.StartsWith("head."))
            .ToDictionary(kv => kv.Key, kv => kv.Value));
        var expected = TimmTestData.Fixture("expected.safetensors");
        var tokens = TimmTestData.Tokens(fromNpz, TimmTestData.Fixture("inputs.safetensors")["images64"]);
        TestContext.Out.WriteLine($"npz: relative error tokens {TimmTestData.RelativeError(tokens, expected["tokens64"]):E2}");
        Assert.That(TimmTestData.RelativeError(tokens, expected["tokens64"]), Is.LessThanOrEqualTo(Tolerance));
        Assert.That(report.IgnoredKeys, Is.EqualTo(new[] { "head.bias", "head.weight" }));
    }

    [Test, Description("No native memory is left behind: the import adds exactly the live tensors of the same encoder built by hand")]
    public void ImportLeavesNoTensorsBehind([Values("tiny_vit.safetensors", "tiny_vit.npz")] string file)
    {
        var (warmup, report) = TimmVitImporter.Load(Fixtures.VitReference(file), Options().ImageSize(96));
        warmup.Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = torch.Tensor.TotalCount;
        using var byHand = new Puma.Backbones.Vit.VisionTransformer(report.Config,
            new Puma.Backbones.Vit.PatchEmbed(report.Config.ImageSize, report.Config.PatchSize, 3, report.Config.EmbedDim));
        long encoderTensors = torch.Tensor.TotalCount - before;
        var (encoder, _) = TimmVitImporter.Load(Fixtures.VitReference(file), Options().ImageSize(96));
        using var _ = encoder;
        Assert.That(torch.Tensor.TotalCount - before, Is.EqualTo(2 * encoderTensors), "tensors created by the import and not disposed");
    }

    [Test, Description("Strict by default: the fixture's 10-class classifier fails the import, named, unless explicitly ignored")]
    public void ClassifierHeadFailsTheImportByDefault([Values("tiny_vit.safetensors", "tiny_vit.npz")] string file)
    {
        var error = Assert.Throws<InvalidDataException>(() => TimmVitImporter.Load(Fixtures.VitReference(file), new TimmVitOptions().Heads(3)));
        Assert.That(error!.Message, Does.Contain("unexpected key 'head.weight'").And.Contain("unexpected key 'head.bias'"));
    }
}
