using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Checkpoints;
using Puma.Cli.Commands;
using Puma.IO;
using TorchSharp;

namespace Puma.Cli.Training;

/// <summary>The backbone of <c>puma train</c> / <c>puma evaluate</c>: a ViT preset, randomly initialised or loaded from <c>--weights</c>.</summary>
internal static class BackboneChoice
{
    public static VitConfig Config(string preset, int imageSize)
    {
        if (!Presets.Vit.TryGetValue(preset, out var config))
            throw new ArgumentException($"Unknown preset '{preset}'. Known: {string.Join(", ", Presets.Vit.Keys)}.");
        var sized = config with { ImageSize = imageSize };
        sized.Validate();
        return sized;
    }

    /// <summary>
    /// The backbone for <paramref name="settings"/>. Without weights the preset is randomly initialised from torch's
    /// generator, which the caller seeds first, so the same seed rebuilds the same backbone.
    /// </summary>
    public static BackboneSpec Create(TrainSettings settings)
    {
        var config = Config(settings.Preset, settings.ImageSize);
        if (settings.Weights is null) return Backbone.Vit(config);
        return FromWeights(config, settings.Weights);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // SEAM (timm weight import, branch feat/vit-import): when the timm importer lands in Puma.Core, replace the body of
    // FromWeights with it (timm .safetensors/.npz files: drop head.*, map fc_norm, resample pos_embed to --image-size).
    // Until then --weights takes a safetensors file in Puma's ViT layout (timm parameter names: cls_token, pos_embed,
    // patch_embed.proj.*, blocks.N.*, norm.*) with the preset's exact shapes, loaded strictly (culprits are named).
    // ---------------------------------------------------------------------------------------------------------------
    private static BackboneSpec FromWeights(VitConfig config, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--weights file not found: {path}", path);
        var encoder = new VisionTransformer(config, new PatchEmbed(config.ImageSize, config.PatchSize, 3, config.EmbedDim));
        try
        {
            using var scope = torch.NewDisposeScope();
            StateDictLoader.LoadStrict(encoder, SafeTensorsReader.Read(path), path);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
        return Backbone.Prebuilt(encoder,
            $"ViT D{config.EmbedDim} depth {config.Depth} heads {config.NumHeads} patch {config.PatchSize} @ {config.ImageSize}px ({Path.GetFileName(path)})");
    }
}
