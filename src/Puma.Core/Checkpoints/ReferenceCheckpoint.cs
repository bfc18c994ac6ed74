using Puma.Hooks;
using Puma.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Checkpoints;

/// <summary>
/// Imports a state dict saved by the PUMA authors' code (tjddus9597/PUMA-WACV25) into a
/// <see cref="UniversalMetricModel"/>. The one name mapping (official → Puma):
/// <list type="table">
/// <item><term><c>body.{cls_token, patch_embed.*, blocks.N.*, norm.*}</c></term><description><c>backbone.*</c> (same timm names)</description></item>
/// <item><term><c>body.pos_embed</c> <c>[1, 1+L+N, D]</c></term><description>row 0 and rows 1+L.. → <c>backbone.pos_embed</c>; rows 1..L → <c>prompt_pos_embed</c>. A model without prompts takes rows 0..N, as the reference (which adds <c>pos_embed[:, :T]</c>) does</description></item>
/// <item><term><c>body.adapter.d.{l}</c> <c>[2, D, r]</c></term><description><c>adapter.blocks.{l}.{attn|mlp}.down.weight</c> = <c>d[l][0|1]ᵀ</c></description></item>
/// <item><term><c>body.adapter.u.{l}</c> <c>[2, r, D]</c></term><description><c>adapter.blocks.{l}.{attn|mlp}.up.weight</c> = <c>u[l][0|1]ᵀ</c></description></item>
/// <item><term><c>body.adapter.s.{l}</c></term><description>must equal the adapter's fixed scale (checked, not loaded)</description></item>
/// <item><term><c>body.prompt.e_k_-1</c>, <c>e_a_-1</c>, <c>e_p_-1</c></term><description><c>prompt.keys</c>, <c>prompt.attention</c>, <c>prompt.components</c></description></item>
/// <item><term><c>body.prompt.bn.running_mean/var</c></term><description>must be 0 and 1 (the reference never updates them; checked, not loaded)</description></item>
/// <item><term><c>last_layer.0.{weight,bias}</c></term><description><c>head.proj.{weight,bias}</c></description></item>
/// </list>
/// The reference hard-codes 12 adapter layers whatever the depth: entries for layers ≥ depth are ignored.
/// Loading is strict otherwise: unknown, missing or mis-shaped keys throw <see cref="InvalidDataException"/>.
/// </summary>
public static class ReferenceCheckpoint
{
    /// <summary>Converts official tensors to Puma's names for <paramref name="model"/>. The result is caller-owned.</summary>
    public static Dictionary<string, Tensor> ToPumaNames(IReadOnlyDictionary<string, Tensor> official, UniversalMetricModel model,
        double adapterScale = 0.1)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var unknown = new List<string>();
        int depth = model.Backbone.Depth;
        int promptLength = model.Prompt?.PromptLength ?? 0;
        foreach (var (name, value) in official)
        {
            if (name == "body.pos_embed") SplitPositions(value, model, promptLength, result);
            else if (name.StartsWith("body.adapter.", StringComparison.Ordinal)) MapAdapter(name, value, depth, adapterScale, result);
            else if (name.StartsWith("body.prompt.", StringComparison.Ordinal)) MapPrompt(name, value, result, unknown);
            else if (name.StartsWith("last_layer.0.", StringComparison.Ordinal)) result["head.proj." + name["last_layer.0.".Length..]] = value.alias();
            else if (name.StartsWith("body.", StringComparison.Ordinal)) result["backbone." + name["body.".Length..]] = value.alias();
            else unknown.Add(name);
        }
        if (unknown.Count > 0)
            throw new InvalidDataException("Unknown keys in the reference checkpoint: " + string.Join(", ", unknown));
        return result;
    }

    /// <summary>Loads an official state dict into <paramref name="model"/> (every model parameter must be covered).</summary>
    public static void Load(UniversalMetricModel model, IReadOnlyDictionary<string, Tensor> official, string source)
    {
        using var scope = torch.NewDisposeScope();
        double scale = (model.Adapter as IFixedScaleAdapter)?.FixedScale ?? 0.1;
        var mapped = ToPumaNames(official, model, scale);
        StateDictLoader.LoadStrict(model, mapped, source);
    }

    private static void SplitPositions(Tensor value, UniversalMetricModel model, int promptLength, Dictionary<string, Tensor> result)
    {
        if (value.dim() != 3 || value.shape[0] != 1)
            throw new InvalidDataException($"body.pos_embed has shape [{string.Join(",", value.shape)}]; expected [1, 1 + L + N, D].");
        long patches = model.Backbone.Stem.NumPatches;
        long rows = value.shape[1];
        long extra = rows - 1 - patches;
        if (extra < 0)
            throw new InvalidDataException($"body.pos_embed has {rows} rows; the model needs at least 1 + {patches}.");
        if (promptLength > 0 && extra != promptLength)
            throw new InvalidDataException($"body.pos_embed holds {extra} prompt rows; the model's prompt length is {promptLength}.");
        if (promptLength == 0)
        {
            // The reference adds pos_embed[:, :sequence length]: without prompts the patches take rows 1..N.
            result["backbone.pos_embed"] = value.narrow(1, 0, 1 + patches);
            return;
        }
        result["backbone.pos_embed"] = torch.cat([value.narrow(1, 0, 1), value.narrow(1, 1 + extra, patches)], dim: 1);
        result["prompt_pos_embed"] = value.narrow(1, 1, promptLength);
    }

    private static void MapAdapter(string name, Tensor value, int depth, double scale, Dictionary<string, Tensor> result)
    {
        var parts = name["body.adapter.".Length..].Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[1], out int layer) || parts[0] is not ("d" or "u" or "s"))
            throw new InvalidDataException($"Unexpected adapter key '{name}'.");
        if (layer >= depth) return;
        bool rankFits = parts[0] == "s" ? value.dim() >= 1 : value.dim() == 3;
        if (!rankFits)
            throw new InvalidDataException($"'{name}' has shape [{string.Join(",", value.shape)}]; expected [2, D, r] (d), [2, r, D] (u) or [2, ...] (s).");
        if (value.shape[0] != 2)
            throw new InvalidDataException($"'{name}' must stack 2 branches (attention, MLP); shape is [{string.Join(",", value.shape)}].");
        if (parts[0] == "s")
        {
            using var expected = torch.full_like(value, scale);
            if (!value.allclose(expected, rtol: 0, atol: 1e-7))
                throw new InvalidDataException($"'{name}' holds scales {string.Join(", ", value.data<float>().ToArray())}; the adapter's fixed scale is {scale}.");
            return;
        }
        string kind = parts[0] == "d" ? "down" : "up";
        result[$"adapter.blocks.{layer}.attn.{kind}.weight"] = value[0].t().contiguous();
        result[$"adapter.blocks.{layer}.mlp.{kind}.weight"] = value[1].t().contiguous();
    }

    private static void MapPrompt(string name, Tensor value, Dictionary<string, Tensor> result, List<string> unknown)
    {
        switch (name)
        {
            case "body.prompt.e_k_-1": result["prompt.keys"] = value.alias(); break;
            case "body.prompt.e_a_-1": result["prompt.attention"] = value.alias(); break;
            case "body.prompt.e_p_-1": result["prompt.components"] = value.alias(); break;
            case "body.prompt.bn.running_mean": RequireConstant(name, value, 0); break;
            case "body.prompt.bn.running_var": RequireConstant(name, value, 1); break;
            case "body.prompt.bn.num_batches_tracked": break;
            default: unknown.Add(name); break;
        }
    }

    private static void RequireConstant(string name, Tensor value, double constant)
    {
        using var expected = torch.full_like(value, constant);
        if (!value.allclose(expected, rtol: 0, atol: 0))
            throw new InvalidDataException($"'{name}' must be {constant} everywhere (the reference keeps its BatchNorm statistics fixed).");
    }
}
