using NUnit.Framework;
using Puma.Backbones.Vit;
using Puma.IO;
using Puma.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Checkpoints.Timm;

/// <summary>Synthetic timm state dicts, temporary checkpoint files and comparisons for the timm import tests.</summary>
internal static class TimmTestData
{
    /// <summary>D 48, depth 2, 3 heads, patch 16, 32 px: not a preset, so heads must be given.</summary>
    public static VitConfig Small => new(EmbedDim: 48, Depth: 2, NumHeads: 3, PatchSize: 16, ImageSize: 32);

    /// <summary>A randomly initialised encoder's parameters under their (timm) names; caller-owned, outside any scope.</summary>
    public static Dictionary<string, Tensor> StateDict(VitConfig config, int seed = 11)
    {
        torch.manual_seed(seed);
        using var encoder = new VisionTransformer(config, new PatchEmbed(config.ImageSize, config.PatchSize, 3, config.EmbedDim));
        using (torch.no_grad())
        {
            foreach (var (name, p) in encoder.named_parameters())
            {
                if (name.EndsWith("bias") || name.EndsWith("norm1.weight") || name.EndsWith("norm2.weight") || name is "norm.weight" or "cls_token")
                    p.add_(torch.randn_like(p) * 0.1);
            }
        }
        return encoder.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone(), StringComparer.Ordinal);
    }

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "puma-timm-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static string Write(string folder, string name, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var path = Path.Combine(folder, name);
        SafeTensorsWriter.Write(path, tensors, metadata ?? new Dictionary<string, string> { ["format"] = "pt" });
        return path;
    }

    /// <summary>Final-norm tokens <c>[B, T, D]</c> of images <c>[B, 3, H, W]</c>.</summary>
    public static Tensor Tokens(VisionTransformer encoder, Tensor images)
    {
        using var noGrad = torch.no_grad();
        return encoder.forward(encoder.Stem.tokens(encoder.Stem.features(images)));
    }

    public static Dictionary<string, Tensor> Fixture(string file) => SafeTensorsReader.Read(Fixtures.VitReference(file));

    /// <summary>‖a − b‖ / ‖b‖ in float64.</summary>
    public static double RelativeError(Tensor actual, Tensor expected)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape));
        var a = actual.to(ScalarType.Float64);
        var b = expected.to(ScalarType.Float64);
        return (a - b).norm().item<double>() / b.norm().item<double>();
    }

    public static double MinCosine(Tensor a, Tensor b) =>
        nn.functional.cosine_similarity(a.to(ScalarType.Float64), b.to(ScalarType.Float64), dim: 1).min().item<double>();

    public static void AssertSameParameters(VisionTransformer actual, IReadOnlyDictionary<string, Tensor> expected)
    {
        var names = actual.named_parameters().Select(p => p.name).ToList();
        Assert.That(names, Is.EquivalentTo(expected.Keys));
        foreach (var (name, p) in actual.named_parameters())
            Assert.That(BitEqual(p, expected[name].to(p.dtype)), Is.True, $"{name} is loaded bit-exact");
    }

    /// <summary>Same shape and every element equal.</summary>
    public static bool BitEqual(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
