using System.Text.RegularExpressions;
using Puma.Backbones.Vit;

namespace Puma.Checkpoints.Timm;

/// <summary>
/// The architecture of a timm ViT state dict, read from its tensor shapes: width D and patch size from
/// <c>patch_embed.proj.weight</c> <c>[D, 3, P, P]</c>, depth from the <c>blocks.N.</c> indices, MLP width from
/// <c>blocks.0.mlp.fc1.weight</c>, qkv bias from <c>qkv.bias</c> (or BEiT-style <c>q_bias</c>), the checkpoint grid from
/// <c>pos_embed</c> <c>[1, 1 + rows·columns, D]</c>. Heads come from the options, the checkpoint's config or timm's
/// preset for D. LayerNorm epsilon is timm's 1e-6.
/// </summary>
/// <param name="Config">The encoder to build (at the target image size).</param>
/// <param name="CheckpointGrid">The patch grid the checkpoint's position embedding was trained for.</param>
/// <param name="HeadsSource">Where the number of heads came from.</param>
internal sealed partial record TimmVitLayout(VitConfig Config, (int Rows, int Columns) CheckpointGrid, string HeadsSource)
{
    private static readonly Dictionary<int, int> PresetHeads = new() { [192] = 3, [384] = 6, [768] = 12 };

    public static TimmVitLayout Infer(IReadOnlyDictionary<string, long[]> shapes, TimmVitOptions options, TimmCheckpointConfig config, string source)
    {
        var patch = Require(shapes, "patch_embed.proj.weight", source);
        if (patch.Length != 4 || patch[2] != patch[3])
            throw Invalid(source, $"'patch_embed.proj.weight' must be [D, 3, P, P] (square patches); got {Show(patch)}");
        if (patch[1] != 3)
            throw Invalid(source, $"'patch_embed.proj.weight' takes {patch[1]} input channels; Puma's ViT takes RGB (3)");
        int d = checked((int)patch[0]), p = checked((int)patch[2]);
        var cls = Require(shapes, "cls_token", source);
        if (!cls.SequenceEqual(new long[] { 1, 1, d })) throw Invalid(source, $"'cls_token' must be [1, 1, {d}]; got {Show(cls)}");
        var pos = Require(shapes, "pos_embed", source);
        if (pos.Length != 3 || pos[0] != 1 || pos[2] != d) throw Invalid(source, $"'pos_embed' must be [1, T, {d}]; got {Show(pos)}");

        int depth = Depth(shapes.Keys, source);
        var fc1 = Require(shapes, "blocks.0.mlp.fc1.weight", source);
        if (fc1.Length != 2 || fc1[1] != d) throw Invalid(source, $"'blocks.0.mlp.fc1.weight' must be [hidden, {d}]; got {Show(fc1)}");
        bool qkvBias = shapes.ContainsKey("blocks.0.attn.qkv.bias") || shapes.ContainsKey("blocks.0.attn.q_bias");

        var grid = CheckpointGridOf(pos[1] - 1, options, source, pos);
        int imageSize = options.TargetImageSize ?? (grid.Rows == grid.Columns
            ? grid.Rows * p
            : throw Invalid(source, $"the checkpoint grid {grid.Rows}×{grid.Columns} is not square: choose a square image size (ImageSize)"));
        var (heads, headsSource) = Heads(d, options, config, source);
        var vit = new VitConfig(d, depth, heads, p, imageSize, (double)fc1[0] / d, qkvBias);
        try
        {
            vit.Validate();
        }
        catch (ArgumentException e)
        {
            throw Invalid(source, e.Message);
        }
        if ((int)(vit.EmbedDim * vit.MlpRatio) != fc1[0])
            throw Invalid(source, $"MLP width {fc1[0]} cannot be expressed as a ratio of D {d}");
        return new TimmVitLayout(vit, grid, headsSource);
    }

    private static (int Rows, int Columns) CheckpointGridOf(long gridRows, TimmVitOptions options, string source, long[] pos)
    {
        if (options.SourceGrid is { } g)
        {
            if ((long)g.Rows * g.Columns != gridRows)
                throw Invalid(source, $"the stated checkpoint grid {g.Rows}×{g.Columns} does not match 'pos_embed' {Show(pos)} (1 CLS row + {gridRows})");
            return g;
        }
        if (!IsSquare(gridRows))
        {
            string hint = IsSquare(gridRows + 1)
                ? " (its row count is a square: a model without a CLS position, timm's no_embed_class, which Puma does not support)"
                : "";
            throw Invalid(source, $"'pos_embed' {Show(pos)} holds 1 CLS row + {gridRows} grid rows, not a square grid{hint}: " +
                                  "state the checkpoint grid (CheckpointGrid(rows, columns)); it is not guessed");
        }
        int side = (int)Math.Round(Math.Sqrt(gridRows));
        return (side, side);
    }

    private static bool IsSquare(long n)
    {
        long side = (long)Math.Round(Math.Sqrt(n));
        return n > 0 && side * side == n;
    }

    private static (int, string) Heads(int d, TimmVitOptions options, TimmCheckpointConfig config, string source)
    {
        if (options.NumHeads is int n) return (n, "option");
        if (config.NumHeads is int c) return (c, "checkpoint config");
        if (PresetHeads.TryGetValue(d, out var preset)) return (preset, $"timm preset for D {d}");
        throw Invalid(source, $"the number of heads cannot be read from the shapes (D {d} is not a Ti/S/B preset): pass Heads(n)");
    }

    private static int Depth(IEnumerable<string> keys, string source)
    {
        var indices = keys.Select(k => BlockIndex().Match(k)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        if (indices.Count == 0) throw Invalid(source, "no 'blocks.N.*' keys");
        int depth = indices.Max() + 1;
        var gaps = Enumerable.Range(0, depth).Where(i => !indices.Contains(i)).ToList();
        if (gaps.Count > 0) throw Invalid(source, $"blocks {string.Join(", ", gaps)} are missing (found up to blocks.{depth - 1})");
        return depth;
    }

    private static long[] Require(IReadOnlyDictionary<string, long[]> shapes, string key, string source) =>
        shapes.TryGetValue(key, out var s) ? s : throw Invalid(source, $"missing key '{key}'");

    private static string Show(long[] shape) => "[" + string.Join(",", shape) + "]";

    private static InvalidDataException Invalid(string source, string message) => new($"Cannot import timm ViT {source}: {message}.");

    [GeneratedRegex(@"^blocks\.(\d+)\.")]
    private static partial Regex BlockIndex();
}
