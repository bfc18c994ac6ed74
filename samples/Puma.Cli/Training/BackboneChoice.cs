using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Cli.Commands;

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

    /// <summary>
    /// A timm ViT checkpoint (<c>.safetensors</c> with timm's names, or an AugReg <c>.npz</c>) through
    /// <see cref="Backbone.TimmVit"/>: strict, the classifier head dropped, position embeddings resampled to
    /// <c>--image-size</c>, heads from the preset. The file's width and depth must be the preset's (a ViT-S file given
    /// with <c>--preset vit-ti16</c> is refused by name rather than run with the wrong head count).
    /// </summary>
    private static BackboneSpec FromWeights(VitConfig config, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--weights file not found: {path}", path);
        var spec = Backbone.TimmVit(path, o => o.Heads(config.NumHeads).ImageSize(config.ImageSize).IgnoreClassifierHead());
        var encoder = spec.Create();
        if (encoder.EmbedDim != config.EmbedDim || encoder.Depth != config.Depth)
        {
            var (width, depth) = (encoder.EmbedDim, encoder.Depth);
            encoder.Dispose();
            throw new InvalidDataException(
                $"--weights {path} holds a ViT of width {width} and depth {depth}; the preset needs width {config.EmbedDim} and depth {config.Depth}.");
        }
        return Backbone.Prebuilt(encoder, spec.Description);
    }
}
