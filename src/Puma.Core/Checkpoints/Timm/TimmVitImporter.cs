using Puma.Backbones.Vit;
using Puma.Data;
using Puma.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Checkpoints.Timm;

/// <summary>
/// Imports a timm Vision Transformer checkpoint (<c>.safetensors</c> with timm's parameter names, or an AugReg /
/// big_vision <c>.npz</c>, see <see cref="AugRegNames"/>) into a Puma <see cref="VisionTransformer"/>.
/// <list type="bullet">
/// <item>The architecture is inferred from the shapes (<see cref="TimmVitOptions"/> lists what is not).</item>
/// <item>Strict: a missing, unexpected or mis-shaped key fails the import, naming every culprit. Only the classifier
/// <c>head.weight/bias</c> (<see cref="TimmVitOptions.IgnoreClassifierHead"/>) and keys listed with
/// <see cref="TimmVitOptions.Ignore"/> are skipped, and the report lists them.</item>
/// <item>BEiT-style <c>blocks.N.attn.q_bias</c> + <c>v_bias</c> become <c>qkv.bias</c> = (q, 0, v): a key bias adds the
/// same score to every key of a query, which softmax cancels, so zero is exact.</item>
/// <item><c>fc_norm.*</c> (timm's final norm after average pooling) is never remapped to <c>norm</c>: norm-then-pool and
/// pool-then-norm differ (BR-36). With <see cref="TimmVitOptions.IgnoreClassifierHead"/> it is skipped only when it is
/// an untrained unit affine (weight 1, bias 0) beside a present <c>norm.*</c>.</item>
/// <item>The position embedding is resampled (<see cref="PositionEmbeddingResampler"/>) when the image size asks for
/// another grid.</item>
/// <item>F16/BF16 tensors are upcast exactly to float32.</item>
/// <item>Normalisation: the option, else the checkpoint's metadata or sibling <c>config.json</c>
/// (<see cref="TimmCheckpointConfig"/>), else timm AugReg's mean = std = 0.5 (BR-32).</item>
/// </list>
/// </summary>
public static class TimmVitImporter
{
    /// <summary>The normalisation used when a checkpoint states none: timm AugReg ViTs (and PUMA) use mean = std = 0.5.</summary>
    public static ImageNormalization DefaultNormalization => ImageNormalization.Half;

    /// <summary>
    /// Reads <paramref name="path"/> (<c>.safetensors</c> or <c>.npz</c>) and returns a new encoder (caller-owned) and the
    /// report of what was done.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The checkpoint does not fit a timm ViT or fails the strict load.</exception>
    public static (VisionTransformer Encoder, TimmImportReport Report) Load(string path, TimmVitOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new TimmVitOptions();
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException("Invalid timm import options: " + string.Join(" ", problems), nameof(options));
        if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint not found: {path}", path);

        bool npz = path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase);
        var metadata = npz ? new Dictionary<string, string>() : SafeTensorsReader.ReadHeader(path).Metadata;
        var tensors = npz ? AugRegNames.ToTimm(NpzReader.Read(path), path) : SafeTensorsReader.Read(path);
        try
        {
            return Import(tensors, options, TimmCheckpointConfig.Read(path, metadata), path);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>
    /// Imports tensors already named as timm names them. The tensors are not modified nor kept; the encoder is
    /// caller-owned. Normalisation comes from the options or is <see cref="DefaultNormalization"/>.
    /// </summary>
    public static (VisionTransformer Encoder, TimmImportReport Report) Import(IReadOnlyDictionary<string, Tensor> timm,
        TimmVitOptions? options = null, string source = "state dict") =>
        Import(timm, options ?? new TimmVitOptions(), new TimmCheckpointConfig(null, null, null, null), source);

    private static (VisionTransformer, TimmImportReport) Import(IReadOnlyDictionary<string, Tensor> timm, TimmVitOptions options,
        TimmCheckpointConfig config, string source)
    {
        if (config.GlobalPool is { Length: > 0 } pool && pool != "token")
            throw new InvalidDataException($"Cannot import timm ViT {source}: its global_pool is '{pool}'; Puma's ViT pools the CLS token ('token').");
        var ignored = new List<string>();
        var conversions = new List<string>();
        var kept = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, value) in timm)
        {
            if ((options.SkipsClassifierHead && name is "head.weight" or "head.bias") || options.IsIgnored(name)) ignored.Add(name);
            else kept[name] = value;
        }
        if (options.SkipsClassifierHead && IsUntrainedFcNormBesideNorm(kept))
        {
            ignored.AddRange(["fc_norm.bias", "fc_norm.weight"]);
            kept.Remove("fc_norm.bias");
            kept.Remove("fc_norm.weight");
        }
        ignored.Sort(StringComparer.Ordinal);

        var shapes = kept.ToDictionary(kv => kv.Key, kv => kv.Value.shape, StringComparer.Ordinal);
        var layout = TimmVitLayout.Infer(shapes, options, config, source);
        var (normalization, normalizationSource) = options.NormalizationOverride is { } n
            ? (n, "option")
            : config.Normalization is { } c ? (c, config.NormalizationSource!) : (DefaultNormalization, "default (timm AugReg: mean = std = 0.5)");
        var vit = layout.Config;
        var modelGrid = (vit.ImageSize / vit.PatchSize, vit.ImageSize / vit.PatchSize);

        // Modules are built outside dispose scopes (their parameters would be disposed with the scope).
        var encoder = new VisionTransformer(vit, new PatchEmbed(vit.ImageSize, vit.PatchSize, 3, vit.EmbedDim, normalization));
        try
        {
            using var scope = torch.NewDisposeScope();
            var values = new Dictionary<string, Tensor>(kept, StringComparer.Ordinal);
            FuseQvBiases(values, vit.Depth, conversions, source);
            if (layout.CheckpointGrid != modelGrid)
            {
                values["pos_embed"] = PositionEmbeddingResampler.Resample(values["pos_embed"].to(ScalarType.Float32), modelGrid,
                    layout.CheckpointGrid, prefixTokens: 1, antialias: options.AntialiasedResampling);
            }
            LoadStrict(encoder, values, source);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
        var report = new TimmImportReport(source, vit, layout.HeadsSource, layout.CheckpointGrid, modelGrid, ignored, conversions,
            normalization, normalizationSource);
        return (encoder, report);
    }

    /// <summary>
    /// An <c>fc_norm</c> at its initial unit affine (weight 1, bias 0) next to a trained <c>norm</c>: a freshly created
    /// head norm that never took part in training (facebookresearch/mae#186), harmless for the CLS-token path.
    /// </summary>
    private static bool IsUntrainedFcNormBesideNorm(Dictionary<string, Tensor> kept)
    {
        if (!kept.TryGetValue("fc_norm.weight", out var w) || !kept.TryGetValue("fc_norm.bias", out var b)) return false;
        if (!kept.ContainsKey("norm.weight") || !kept.ContainsKey("norm.bias")) return false;
        if (kept.Keys.Count(k => k.StartsWith("fc_norm.", StringComparison.Ordinal)) != 2) return false;
        using var scope = torch.NewDisposeScope();
        return w.eq(1).all().item<bool>() && b.eq(0).all().item<bool>();
    }

    /// <summary>The fused timm bias (q, 0, v) of BEiT-style separate query and value biases.</summary>
    internal static Tensor FuseQvBias(Tensor qBias, Tensor vBias) => torch.cat([qBias, torch.zeros_like(qBias), vBias]);

    private static void FuseQvBiases(Dictionary<string, Tensor> values, int depth, List<string> conversions, string source)
    {
        int fused = 0;
        for (int i = 0; i < depth; i++)
        {
            string prefix = $"blocks.{i}.attn.";
            bool hasQ = values.Remove(prefix + "q_bias", out var q), hasV = values.Remove(prefix + "v_bias", out var v);
            if (!hasQ && !hasV) continue;
            if (hasQ != hasV)
                throw new InvalidDataException($"Cannot import timm ViT {source}: '{prefix}{(hasQ ? "q_bias" : "v_bias")}' comes without its partner.");
            if (values.ContainsKey(prefix + "qkv.bias"))
                throw new InvalidDataException($"Cannot import timm ViT {source}: '{prefix}qkv.bias' and '{prefix}q_bias'/'v_bias' both present.");
            if (!q!.shape.SequenceEqual(v!.shape))
                throw new InvalidDataException($"Cannot import timm ViT {source}: '{prefix}q_bias' and 'v_bias' differ in shape.");
            values[prefix + "qkv.bias"] = FuseQvBias(q, v);
            fused++;
        }
        if (fused > 0) conversions.Add($"q_bias/v_bias of {fused} block(s) fused into qkv.bias with a zero key bias");
    }

    private static void LoadStrict(VisionTransformer encoder, Dictionary<string, Tensor> values, string source)
    {
        try
        {
            StateDictLoader.LoadStrict(encoder, values, source);
        }
        catch (InvalidDataException e) when (values.Keys.Any(k => k.StartsWith("fc_norm.", StringComparison.Ordinal)))
        {
            throw new InvalidDataException(e.Message + Environment.NewLine +
                "  'fc_norm.*' is timm's final LayerNorm after average pooling; Puma's ViT normalises every token with 'norm' and " +
                "takes the CLS token. The two are not interchangeable, so fc_norm is not remapped (BR-36).", e);
        }
    }
}
