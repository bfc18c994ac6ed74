using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Adapters;

/// <summary>The two adapter branches of one transformer block: beside attention and beside the MLP.</summary>
public sealed class AdapterPair : nn.Module
{
    private readonly Bottleneck attn;
    private readonly Bottleneck mlp;

    /// <summary>Creates both branches; like the reference code, they start with identical down-projections.</summary>
    public AdapterPair(int dim, int bottleneck) : base("pair")
    {
        attn = new Bottleneck(dim, bottleneck);
        mlp = new Bottleneck(dim, bottleneck);
        using (torch.no_grad()) mlp.DownWeight.copy_(attn.DownWeight);
        RegisterComponents();
    }

    /// <summary>The branch beside attention.</summary>
    public Bottleneck Attention => attn;

    /// <summary>The branch beside the MLP.</summary>
    public Bottleneck Mlp => mlp;
}
