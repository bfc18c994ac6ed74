using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Backbones.Vit;

/// <summary>timm's transformer MLP: <c>fc1</c>, exact (erf) GELU, <c>fc2</c>.</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly GELU act;
    private readonly Linear fc2;

    /// <summary>Creates the MLP with a hidden width of <paramref name="hidden"/>.</summary>
    public Mlp(int dim, int hidden) : base("mlp")
    {
        fc1 = nn.Linear(dim, hidden);
        act = nn.GELU();
        fc2 = nn.Linear(hidden, dim);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var h = fc1.forward(x);
        using var a = act.forward(h);
        return fc2.forward(a);
    }
}
