using Puma.Backbones.Vit;
using Puma.Checkpoints.Timm;

namespace Puma.Backbones;

/// <summary>A ViT imported from a timm checkpoint (see <see cref="TimmVitImporter"/>); validated at <c>Build()</c>.</summary>
internal sealed class TimmVitBackboneSpec(string path, TimmVitOptions options) : BackboneSpec
{
    /// <summary>What the import did (set by <see cref="Create"/>).</summary>
    public TimmImportReport? Report { get; private set; }

    public override string Description => Report?.ToString() ?? $"timm ViT from {Path.GetFileName(path)}";

    public override IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(path)) yield return "The timm checkpoint path is empty.";
        else if (!File.Exists(path)) yield return $"timm checkpoint not found: {path}";
        else if (!path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
            yield return $"A timm checkpoint must be .safetensors or .npz: {path}";
        foreach (var problem in options.Validate()) yield return problem;
    }

    public override VisionTransformer Create()
    {
        var (encoder, report) = TimmVitImporter.Load(path, options);
        Report = report;
        return encoder;
    }
}
