using Puma.Backbones.Vit;

namespace Puma.Backbones;

/// <summary>Factory methods for the backbones Puma knows.</summary>
public static class Backbone
{
    /// <summary>A plain ViT with the given architecture and randomly initialised weights (timm init).</summary>
    public static BackboneSpec Vit(VitConfig config) => new VitBackboneSpec(config);

    /// <summary>An encoder that was built (and perhaps pre-trained) by the caller; the model takes ownership.</summary>
    public static BackboneSpec Prebuilt(VisionTransformer encoder, string description) => new PrebuiltBackboneSpec(encoder, description);

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
