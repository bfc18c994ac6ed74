using Puma.Backbones.Vit;

namespace Puma.Cli.Commands;

/// <summary>Named ViT architectures accepted by <c>--preset</c>.</summary>
internal static class Presets
{
    public static readonly IReadOnlyDictionary<string, VitConfig> Vit = new Dictionary<string, VitConfig>(StringComparer.OrdinalIgnoreCase)
    {
        ["vit-ti16"] = VitConfig.TinyPatch16(),
        ["vit-s16"] = VitConfig.SmallPatch16(),
        ["vit-b16"] = VitConfig.BasePatch16(),
    };
}
