using NUnit.Framework;
using Puma.Backbones.Vit;
using Puma.IO;
using static TorchSharp.torch;

namespace Puma.Testing;

/// <summary>The tiny configuration of the reference fixtures (README §1) and helpers to compare with them.</summary>
internal static class ReferenceModels
{
    /// <summary>ViT D64, depth 2, 2 heads, patch 16, 32 px (timm defaults otherwise).</summary>
    public static VitConfig TinyVit => new(EmbedDim: 64, Depth: 2, NumHeads: 2, PatchSize: 16, ImageSize: 32);

    public const int AdapterDim = 8;
    public const int Components = 4;
    public const int PromptLength = 2;
    public const int EmbeddingDim = 16;

    /// <summary>The official state dict, minus the parts a case's model does not have.</summary>
    public static Dictionary<string, Tensor> OfficialWeights(bool withAdapter, bool withPrompt) =>
        SafeTensorsReader.Read(Fixtures.PumaReference("tiny_puma.safetensors"))
            .Where(kv => (withAdapter || !kv.Key.StartsWith("body.adapter.")) && (withPrompt || !kv.Key.StartsWith("body.prompt.")))
            .ToDictionary(kv => kv.Key, kv => kv.Value);

    public static Tensor Images() => SafeTensorsReader.Read(Fixtures.PumaReference("inputs.safetensors"))["images"];

    public static Dictionary<string, Tensor> Expected() => SafeTensorsReader.Read(Fixtures.PumaReference("expected.safetensors"));

    /// <summary>Asserts max |actual − expected| ≤ <paramref name="atol"/> and equal shapes.</summary>
    public static void AssertClose(Tensor actual, Tensor expected, string name, double atol = 1e-5)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape), $"{name}: shape");
        double diff = (actual.to(ScalarType.Float64) - expected.to(ScalarType.Float64)).abs().max().item<double>();
        Assert.That(diff, Is.LessThanOrEqualTo(atol), $"{name}: max abs diff {diff:E3}");
    }
}
