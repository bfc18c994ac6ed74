using static TorchSharp.torch;
using TorchSharp;

namespace Puma.Checkpoints.Timm;

/// <summary>
/// Converts the arrays of an official AugReg / big_vision ViT <c>.npz</c> (jax names and layouts, optionally under
/// <c>opt/target/</c>) to timm's names and PyTorch layouts, as timm's own <c>.npz</c> loader does:
/// <list type="table">
/// <item><term><c>embedding/kernel</c> <c>[P, P, 3, D]</c> (HWIO)</term><description><c>patch_embed.proj.weight</c> <c>[D, 3, P, P]</c></description></item>
/// <item><term><c>cls</c>, <c>Transformer/posembed_input/pos_embedding</c></term><description><c>cls_token</c>, <c>pos_embed</c></description></item>
/// <item><term><c>Transformer/encoder_norm/{scale,bias}</c></term><description><c>norm.{weight,bias}</c></description></item>
/// <item><term><c>…/encoderblock_N/LayerNorm_0</c>, <c>LayerNorm_2</c></term><description><c>blocks.N.norm1</c>, <c>norm2</c></description></item>
/// <item><term><c>…/MultiHeadDotProductAttention_1/{query,key,value}/kernel</c> <c>[D, H, D/H]</c>, <c>bias</c> <c>[H, D/H]</c></term><description>concatenated (transposed) into <c>blocks.N.attn.qkv.{weight,bias}</c></description></item>
/// <item><term><c>…/MultiHeadDotProductAttention_1/out/kernel</c> <c>[H, D/H, D]</c></term><description><c>blocks.N.attn.proj.weight</c></description></item>
/// <item><term><c>…/MlpBlock_3/Dense_{0,1}/kernel</c> <c>[in, out]</c></term><description><c>blocks.N.mlp.fc{1,2}.weight</c> (transposed)</description></item>
/// <item><term><c>head/kernel</c>, <c>head/bias</c></term><description><c>head.weight</c> (transposed), <c>head.bias</c></description></item>
/// </list>
/// Any other array keeps its jax name, so the strict load reports it.
/// </summary>
public static class AugRegNames
{
    /// <summary>Returns new tensors under timm names (caller-owned) and disposes <paramref name="jax"/>.</summary>
    public static Dictionary<string, Tensor> ToTimm(Dictionary<string, Tensor> jax, string source)
    {
        ArgumentNullException.ThrowIfNull(jax);
        try
        {
            using var scope = torch.NewDisposeScope();
            string prefix = jax.ContainsKey("opt/target/embedding/kernel") ? "opt/target/" : "";
            var rest = new Dictionary<string, Tensor>(jax, StringComparer.Ordinal);
            var timm = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            Tensor Take(string name) => rest.Remove(prefix + name, out var t)
                ? t
                : throw new InvalidDataException($"Cannot read AugReg checkpoint {source}: missing array '{prefix + name}'.");
            void Map(string name, string timmName, Func<Tensor, Tensor> convert)
            {
                if (rest.ContainsKey(prefix + name)) timm[timmName] = convert(Take(name)).contiguous();
            }

            Map("embedding/kernel", "patch_embed.proj.weight", t => t.permute(3, 2, 0, 1));
            Map("embedding/bias", "patch_embed.proj.bias", t => t.alias());
            Map("cls", "cls_token", t => t.alias());
            Map("Transformer/posembed_input/pos_embedding", "pos_embed", t => t.alias());
            Map("Transformer/encoder_norm/scale", "norm.weight", t => t.alias());
            Map("Transformer/encoder_norm/bias", "norm.bias", t => t.alias());
            Map("head/kernel", "head.weight", t => t.t());
            Map("head/bias", "head.bias", t => t.alias());
            for (int i = 0; rest.ContainsKey($"{prefix}Transformer/encoderblock_{i}/LayerNorm_0/scale"); i++)
            {
                string b = $"Transformer/encoderblock_{i}/", mha = b + "MultiHeadDotProductAttention_1/", s = $"blocks.{i}.";
                Map(b + "LayerNorm_0/scale", s + "norm1.weight", t => t.alias());
                Map(b + "LayerNorm_0/bias", s + "norm1.bias", t => t.alias());
                Map(b + "LayerNorm_2/scale", s + "norm2.weight", t => t.alias());
                Map(b + "LayerNorm_2/bias", s + "norm2.bias", t => t.alias());
                var kernels = new[] { "query", "key", "value" }.Select(p => Take(mha + p + "/kernel")).ToArray();
                timm[s + "attn.qkv.weight"] = torch.cat(kernels.Select(k => k.reshape(k.shape[0], -1).t()).ToArray(), dim: 0);
                if (rest.ContainsKey(prefix + mha + "query/bias"))
                {
                    var biases = new[] { "query", "key", "value" }.Select(p => Take(mha + p + "/bias").reshape(-1)).ToArray();
                    timm[s + "attn.qkv.bias"] = torch.cat(biases, dim: 0);
                }
                Map(mha + "out/kernel", s + "attn.proj.weight", t => t.reshape(-1, t.shape[^1]).t());
                Map(mha + "out/bias", s + "attn.proj.bias", t => t.alias());
                for (int r = 0; r < 2; r++)
                {
                    Map($"{b}MlpBlock_3/Dense_{r}/kernel", $"{s}mlp.fc{r + 1}.weight", t => t.t());
                    Map($"{b}MlpBlock_3/Dense_{r}/bias", $"{s}mlp.fc{r + 1}.bias", t => t.alias());
                }
            }
            foreach (var (name, t) in rest) timm[name] = t.alias();
            foreach (var t in timm.Values) t.MoveToOuterDisposeScope();
            return timm;
        }
        finally
        {
            foreach (var t in jax.Values) t.Dispose();
        }
    }
}
