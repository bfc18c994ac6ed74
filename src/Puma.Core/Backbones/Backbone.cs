using Puma.Backbones.Hybrid;
using Puma.Backbones.Vit;
using Puma.Checkpoints.Timm;

namespace Puma.Backbones;

/// <summary>Factory methods for the backbones Puma knows.</summary>
public static class Backbone
{
    /// <summary>A plain ViT with the given architecture and randomly initialised weights (timm init).</summary>
    public static BackboneSpec Vit(VitConfig config) => new VitBackboneSpec(config);

    /// <summary>
    /// A ViT loaded from a timm checkpoint (<c>.safetensors</c> with timm's names, or an AugReg <c>.npz</c>): architecture
    /// inferred from the shapes, strict by default, position embeddings resampled for another image size, normalisation
    /// from the checkpoint (see <see cref="TimmVitImporter"/> and <see cref="TimmVitOptions"/>).
    /// </summary>
    /// <example><c>Backbone.TimmVit("vit_small_patch16_224.safetensors", o => o.ImageSize(224).IgnoreClassifierHead())</c></example>
    public static BackboneSpec TimmVit(string path, Action<TimmVitOptions>? configure = null)
    {
        var options = new TimmVitOptions();
        configure?.Invoke(options);
        return new TimmVitBackboneSpec(path, options);
    }

    /// <summary>An encoder that was built (and perhaps pre-trained) by the caller; the model takes ownership.</summary>
    public static BackboneSpec Prebuilt(VisionTransformer encoder, string description) => new PrebuiltBackboneSpec(encoder, description);

    /// <summary>
    /// The offline default: the ImageNet ResNet-18 (ONNX, from NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18) as stem
    /// and a transformer pre-trained by Puma (<c>Puma.Pretraining</c>) loaded from <paramref name="encoderPath"/>.
    /// </summary>
    public static BackboneSpec Hybrid(string resnetOnnxPath, HybridVitConfig config, string encoderPath) =>
        new HybridBackboneSpec(resnetOnnxPath, config, encoderPath);

    private sealed class HybridBackboneSpec(string onnx, HybridVitConfig config, string encoderPath) : BackboneSpec
    {
        public override string Description =>
            $"hybrid ResNet-18 {config.Stage} + ViT D{config.Encoder.EmbedDim} depth {config.Encoder.Depth} @ {config.Encoder.ImageSize}px ({Path.GetFileName(encoderPath)})";

        public override IEnumerable<string> Validate()
        {
            if (config is null) { yield return "Hybrid config is null."; yield break; }
            if (!File.Exists(onnx)) yield return $"ResNet-18 ONNX file not found: {onnx}";
            if (!File.Exists(encoderPath)) yield return $"Pre-trained encoder file not found: {encoderPath}";
            string? error = null;
            try { config.Encoder.Validate(); }
            catch (ArgumentException e) { error = e.Message; }
            if (error is not null) yield return error;
        }

        public override VisionTransformer Create()
        {
            var encoder = HybridEncoder.Create(onnx, config);
            try
            {
                HybridEncoder.Load(encoder, encoderPath);
            }
            catch
            {
                encoder.Dispose();
                throw;
            }
            return encoder;
        }
    }

    private sealed class VitBackboneSpec(VitConfig config) : BackboneSpec
    {
        public override string Description =>
            $"ViT D{config.EmbedDim} depth {config.Depth} heads {config.NumHeads} patch {config.PatchSize} @ {config.ImageSize}px (random init)";

        public override IEnumerable<string> Validate()
        {
            string? error = null;
            try { config.Validate(); }
            catch (ArgumentException e) { error = e.Message; }
            if (error is not null) yield return error;
        }

        public override VisionTransformer Create() =>
            new(config, new PatchEmbed(config.ImageSize, config.PatchSize, 3, config.EmbedDim));
    }

    private sealed class PrebuiltBackboneSpec(VisionTransformer encoder, string description) : BackboneSpec
    {
        public override string Description => description;

        public override IEnumerable<string> Validate()
        {
            if (encoder is null) yield return "The prebuilt encoder is null.";
        }

        public override VisionTransformer Create() => encoder;
    }
}
