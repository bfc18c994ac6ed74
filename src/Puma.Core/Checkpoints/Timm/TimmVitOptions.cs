using Puma.Data;

namespace Puma.Checkpoints.Timm;

/// <summary>
/// Options of the timm ViT import (<see cref="TimmVitImporter"/>, <c>Backbone.TimmVit</c>). Everything the tensor shapes
/// tell (width, depth, patch size, MLP width, qkv bias, checkpoint grid) is inferred; the rest has documented defaults.
/// Loading is strict: any key that is neither used nor explicitly ignored, and any missing key, fails the import.
/// </summary>
public sealed class TimmVitOptions
{
    private readonly List<string> ignored = [];

    /// <summary>Square input size in pixels (default: the checkpoint's grid × patch size, i.e. no resampling).</summary>
    public int? TargetImageSize { get; private set; }

    /// <summary>
    /// Attention heads (default: <c>model_args.num_heads</c> of a sibling <c>config.json</c>, else a <c>num_heads</c>
    /// metadata entry, else timm's preset for the width: 192 → 3 (Ti), 384 → 6 (S), 768 → 12 (B)).
    /// </summary>
    public int? NumHeads { get; private set; }

    /// <summary>Whether timm's classifier <c>head.weight</c>/<c>head.bias</c> is skipped (default false: it fails the import).</summary>
    public bool SkipsClassifierHead { get; private set; }

    /// <summary>Extra keys to skip, exact names or patterns with <c>*</c> standing for one dot-free name part.</summary>
    public IReadOnlyList<string> IgnoredKeys => ignored;

    /// <summary>An explicit normalisation that overrides the checkpoint's (recorded in the import report).</summary>
    public ImageNormalization? NormalizationOverride { get; private set; }

    /// <summary>The checkpoint's patch grid, needed only when its position embedding is not a square grid.</summary>
    public (int Rows, int Columns)? SourceGrid { get; private set; }

    /// <summary>Whether position embeddings are resampled with antialiased bicubic (default true, as timm ≥ 0.9).</summary>
    public bool AntialiasedResampling { get; private set; } = true;

    /// <summary>Builds the encoder for <paramref name="pixels"/>×<paramref name="pixels"/> images (position embeddings resampled if needed).</summary>
    public TimmVitOptions ImageSize(int pixels)
    {
        TargetImageSize = pixels;
        return this;
    }

    /// <summary>Sets the number of attention heads (the shapes cannot tell it).</summary>
    public TimmVitOptions Heads(int count)
    {
        NumHeads = count;
        return this;
    }

    /// <summary>
    /// Skips timm's linear classifier (<c>head.weight</c>, <c>head.bias</c>): it acts after the pooled CLS feature, so
    /// dropping it is the same as timm's <c>num_classes=0</c> (an Identity head). An <c>fc_norm</c> is skipped too, but only
    /// when it is an untrained unit affine (weight 1, bias 0) beside a present <c>norm</c>; a trained <c>fc_norm</c> (the
    /// final norm after average pooling, which a CLS-token encoder cannot reproduce: BR-36) and other head layouts
    /// (<c>head.fc.*</c>, <c>head_dist.*</c>) still fail.
    /// </summary>
    public TimmVitOptions IgnoreClassifierHead()
    {
        SkipsClassifierHead = true;
        return this;
    }

    /// <summary>Skips keys known to be irrelevant, e.g. <c>blocks.*.attn.qkv.bias_mask</c>; they are listed in the report.</summary>
    public TimmVitOptions Ignore(params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ignored.AddRange(keys);
        return this;
    }

    /// <summary>Uses <paramref name="normalization"/> instead of the checkpoint's constants.</summary>
    public TimmVitOptions Normalization(ImageNormalization normalization)
    {
        NormalizationOverride = normalization ?? throw new ArgumentNullException(nameof(normalization));
        return this;
    }

    /// <summary>States the checkpoint's grid (rows, columns) for a non-square position embedding.</summary>
    public TimmVitOptions CheckpointGrid(int rows, int columns)
    {
        SourceGrid = (rows, columns);
        return this;
    }

    /// <summary>Chooses antialiased (default) or plain bicubic resampling of the position embedding.</summary>
    public TimmVitOptions Antialias(bool on)
    {
        AntialiasedResampling = on;
        return this;
    }

    /// <summary>Every problem with the options (empty when valid).</summary>
    public IEnumerable<string> Validate()
    {
        if (TargetImageSize is <= 0) yield return $"Image size must be positive (got {TargetImageSize}).";
        if (NumHeads is <= 0) yield return $"Heads must be positive (got {NumHeads}).";
        if (SourceGrid is { } g && (g.Rows <= 0 || g.Columns <= 0)) yield return $"Checkpoint grid must be positive (got {g.Rows}×{g.Columns}).";
        foreach (var key in ignored.Where(string.IsNullOrWhiteSpace)) yield return "An ignored key is empty.";
    }

    internal bool IsIgnored(string key) => ignored.Any(pattern => Matches(pattern, key));

    private static bool Matches(string pattern, string key)
    {
        var p = pattern.Split('.');
        var k = key.Split('.');
        return p.Length == k.Length && p.Zip(k).All(t => t.First == "*" || t.First == t.Second);
    }
}
