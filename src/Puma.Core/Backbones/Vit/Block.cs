using Puma.Hooks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Backbones.Vit;

/// <summary>A pre-norm transformer block (timm <c>Block</c>) with optional parallel adapter branches.</summary>
public sealed class Block : nn.Module
{
    private readonly LayerNorm norm1;
    private readonly Attention attn;
    private readonly LayerNorm norm2;
    private readonly Mlp mlp;

    /// <summary>Creates the block.</summary>
    public Block(int dim, int numHeads, double mlpRatio, bool qkvBias, double layerNormEps) : base("block")
    {
        norm1 = nn.LayerNorm(dim, eps: layerNormEps);
        attn = new Attention(dim, numHeads, qkvBias);
        norm2 = nn.LayerNorm(dim, eps: layerNormEps);
        mlp = new Mlp(dim, (int)(dim * mlpRatio));
        RegisterComponents();
    }

    /// <summary>
    /// <c>x' = x + attn(norm1 x) [+ adapter(norm1 x)]; x'' = x' + mlp(norm2 x') [+ adapter(norm2 x')]</c>.
    /// </summary>
    public Tensor forward(Tensor x, BlockAdapter? adapter, int index, ActivationRecorder? recorder = null)
    {
        using var h = norm1.forward(x);
        using var attended = attn.forward(h);
        recorder?.Record($"attn_out.l{index}", attended);
        var a = x + attended;
        if (adapter is not null)
        {
            using var branch = adapter.forward(h, index, AdapterSite.Attention);
            recorder?.Record($"adapter_out.l{index}.attn", branch);
            a.add_(branch);
        }
        using (a)
        {
            using var g = norm2.forward(a);
            using var m = mlp.forward(g);
            recorder?.Record($"mlp_out.l{index}", m);
            var z = a + m;
            if (adapter is not null)
            {
                using var branch = adapter.forward(g, index, AdapterSite.Mlp);
                recorder?.Record($"adapter_out.l{index}.mlp", branch);
                z.add_(branch);
            }
            recorder?.Record($"block{index}_out", z);
            return z;
        }
    }
}
