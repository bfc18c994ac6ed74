using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Adapters;

/// <summary>One adapter branch: <c>up(relu(down(x)))</c>, no biases, up-projection initialised to zero.</summary>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    private readonly Linear down;
    private readonly Linear up;

    /// <summary>Creates the branch; <c>down</c> is He-uniform initialised, <c>up</c> is zero (identity residual at start).</summary>
    public Bottleneck(int dim, int bottleneck) : base("bottleneck")
    {
        down = nn.Linear(dim, bottleneck, hasBias: false);
        up = nn.Linear(bottleneck, dim, hasBias: false);
        using (torch.no_grad())
        {
            nn.init.kaiming_uniform_(down.weight, a: 0);
            nn.init.zeros_(up.weight);
        }
        RegisterComponents();
    }

    /// <summary>The down-projection weight <c>[r, D]</c>.</summary>
    public Parameter DownWeight => down.weight!;

    /// <summary>The up-projection weight <c>[D, r]</c>.</summary>
    public Parameter UpWeight => up.weight!;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var h = down.forward(x);
        using var a = nn.functional.relu(h);
        return up.forward(a);
    }
}
