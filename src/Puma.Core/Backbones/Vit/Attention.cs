using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Backbones.Vit;

/// <summary>timm's multi-head self-attention: fused <c>qkv</c> projection, scaled dot-product attention, <c>proj</c>.</summary>
public sealed class Attention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly int numHeads;

    /// <summary>Creates the attention layer.</summary>
    public Attention(int dim, int numHeads, bool qkvBias = true) : base("attn")
    {
        if (dim % numHeads != 0)
            throw new ArgumentException($"Embedding dim {dim} is not divisible by the number of heads {numHeads}.", nameof(numHeads));
        this.numHeads = numHeads;
        qkv = nn.Linear(dim, dim * 3, hasBias: qkvBias);
        proj = nn.Linear(dim, dim);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        long b = x.shape[0], t = x.shape[1], d = x.shape[2];
        using var parts = qkv.forward(x).reshape(b, t, 3, numHeads, d / numHeads).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (parts[0], parts[1], parts[2]);
        var attended = nn.functional.scaled_dot_product_attention(q, k, v);
        return proj.forward(attended.transpose(1, 2).reshape(b, t, d));
    }
}
