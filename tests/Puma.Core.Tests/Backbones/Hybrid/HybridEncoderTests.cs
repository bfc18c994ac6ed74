using NUnit.Framework;
using Puma.Backbones.Hybrid;
using Puma.Backbones.ResNet;
using Puma.Backbones.Vit;
using Puma.Core.Tests.Backbones.ResNet;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Backbones.Hybrid;

public class HybridEncoderTests
{
    private static readonly HybridVitConfig Tiny = new(new VitConfig(EmbedDim: 32, Depth: 1, NumHeads: 2, PatchSize: 16, ImageSize: 112));

    [Test]
    public void StemFeaturesAreTheResNetStage3MapAndTokensFollowIt()
    {
        using var scope = torch.NewDisposeScope();
        using var encoder = HybridEncoder.Create(ResNetFixture.ModelPath, Tiny);
        Tensor images = ResNetFixture.Pattern(2, 112, 112);

        Tensor features = encoder.Stem.features(images);
        Tensor expected = ResNetFixture.Network.forward(images, ResNetOutput.Stage3);

        Assert.That(features.shape, Is.EqualTo(new long[] { 2, 256, 7, 7 }));
        Assert.That(encoder.Stem.FeatureShape, Is.EqualTo(new long[] { 256, 7, 7 }));
        Assert.That(encoder.Stem.NumPatches, Is.EqualTo(49));
        Assert.That((features - expected).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-5f));
        Assert.That(encoder.Stem.tokens(features).shape, Is.EqualTo(new long[] { 2, 49, 32 }));
        Assert.That(encoder.Stem.InputNormalization, Is.Null, "the CNTK network takes raw 0..255 pixels");
    }

    [Test]
    public void SaveThenLoadRestoresTheTransformerExactlyAndSkipsTheCnn()
    {
        using var scope = torch.NewDisposeScope();
        string path = Path.Combine(Path.GetTempPath(), $"puma-hybrid-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var first = HybridEncoder.Create(ResNetFixture.ModelPath, Tiny);
            using (torch.no_grad())
                foreach (var p in first.parameters().Where(p => p.requires_grad)) p.add_(torch.randn_like(p));
            HybridEncoder.Save(first, path);
            var stored = Puma.IO.SafeTensorsReader.ReadHeader(path);
            Assert.That(stored.Tensors.Any(t => t.Name.StartsWith(HybridPatchEmbed.CnnPrefix, StringComparison.Ordinal)), Is.False);

            using var second = HybridEncoder.Create(ResNetFixture.ModelPath, Tiny);
            HybridEncoder.Load(second, path);
            var a = first.state_dict();
            var b = second.state_dict();
            Assert.That(b.Keys, Is.EquivalentTo(a.Keys));
            foreach (var key in a.Keys)
                Assert.That(a[key].allclose(b[key], rtol: 0, atol: 0), Is.True, key);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void LoadRefusesAFileOfAnotherFormat()
    {
        string path = Path.Combine(Path.GetTempPath(), $"puma-other-{Guid.NewGuid():N}.safetensors");
        try
        {
            using (var t = torch.zeros(2))
                Puma.IO.SafeTensorsWriter.Write(path, new Dictionary<string, Tensor> { ["x"] = t }, new Dictionary<string, string> { ["format"] = "other" });
            using var encoder = HybridEncoder.Create(ResNetFixture.ModelPath, Tiny);
            var error = Assert.Throws<InvalidDataException>(() => HybridEncoder.Load(encoder, path))!;
            Assert.That(error.Message, Does.Contain("other").And.Contain(HybridEncoder.Format));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
