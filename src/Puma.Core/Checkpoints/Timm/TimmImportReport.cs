using System.Globalization;
using Puma.Backbones.Vit;
using Puma.Data;

namespace Puma.Checkpoints.Timm;

/// <summary>What a timm ViT import did: the inferred architecture, resampling, skipped keys, conversions, normalisation.</summary>
/// <param name="Source">The checkpoint file.</param>
/// <param name="Config">The architecture that was built.</param>
/// <param name="HeadsSource">Where the number of heads came from (option, checkpoint config, timm preset).</param>
/// <param name="CheckpointGrid">The patch grid of the checkpoint's position embedding.</param>
/// <param name="ModelGrid">The patch grid of the built encoder.</param>
/// <param name="IgnoredKeys">Keys skipped through the options (classifier head, explicit ignore list), sorted.</param>
/// <param name="Conversions">Layout conversions applied (e.g. BEiT-style q/v biases fused into <c>qkv.bias</c>).</param>
/// <param name="Normalization">The pixel normalisation the encoder's stem uses.</param>
/// <param name="NormalizationSource">Where <paramref name="Normalization"/> came from.</param>
public sealed record TimmImportReport(
    string Source,
    VitConfig Config,
    string HeadsSource,
    (int Rows, int Columns) CheckpointGrid,
    (int Rows, int Columns) ModelGrid,
    IReadOnlyList<string> IgnoredKeys,
    IReadOnlyList<string> Conversions,
    ImageNormalization Normalization,
    string NormalizationSource)
{
    /// <summary>Whether the position embedding was resampled to another grid.</summary>
    public bool Resampled => CheckpointGrid != ModelGrid;

    /// <summary>A one-line summary (used as the backbone description).</summary>
    public override string ToString()
    {
        var c = Config;
        var parts = new List<string>
        {
            $"timm ViT D{c.EmbedDim} depth {c.Depth} heads {c.NumHeads} ({HeadsSource}) patch {c.PatchSize} @ {c.ImageSize}px from {Path.GetFileName(Source)}",
            Resampled
                ? $"pos_embed {CheckpointGrid.Rows}×{CheckpointGrid.Columns} → {ModelGrid.Rows}×{ModelGrid.Columns} (bicubic)"
                : $"grid {ModelGrid.Rows}×{ModelGrid.Columns}",
            $"mean {Format(Normalization.Mean)} std {Format(Normalization.Std)} from {NormalizationSource}",
        };
        if (IgnoredKeys.Count > 0) parts.Add("ignored " + string.Join(", ", IgnoredKeys));
        parts.AddRange(Conversions);
        return string.Join("; ", parts);
    }

    private static string Format(IReadOnlyList<double> v) => "(" + string.Join(", ", v.Select(x => x.ToString("0.######", CultureInfo.InvariantCulture))) + ")";
}
