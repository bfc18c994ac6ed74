using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Hooks;

/// <summary>
/// Extension point: a module that adds a parallel branch to every transformer block. The block computes
/// <c>x + sublayer(norm(x)) + adapter(norm(x))</c>; the adapter returns the branch output (same shape as its input).
/// Implementations live outside Puma.Core (for example <c>Puma.Adapters.StochasticAdapter</c>).
/// </summary>
public abstract class BlockAdapter : nn.Module
{
    /// <summary>Creates the adapter module with a name used in state-dict keys.</summary>
    protected BlockAdapter(string name) : base(name) { }

    /// <summary>The branch output for block <paramref name="block"/> at <paramref name="site"/>.</summary>
    /// <param name="normed">The normalised block input <c>[B, T, D]</c>.</param>
    /// <param name="block">Zero-based block index.</param>
    /// <param name="site">Attention or MLP branch.</param>
    public abstract Tensor forward(Tensor normed, int block, AdapterSite site);
}
