using Puma.Hooks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Adapters;

/// <summary>
/// PUMA's stochastic adapter: for every block, two parallel bottlenecks (beside attention and beside the MLP) whose
/// output is <c>s · DropPath_p(up(relu(down(norm(x)))))</c>. In training each sample independently keeps each branch
/// with probability 1 − p (kept outputs are scaled by 1/(1 − p)); at inference every branch is always on.
/// State-dict keys: <c>blocks.{i}.attn.down.weight</c> <c>[r, D]</c>, <c>blocks.{i}.attn.up.weight</c> <c>[D, r]</c>, and
/// the same for <c>mlp</c>.
/// </summary>
public sealed class StochasticAdapter : BlockAdapter, IFixedScaleAdapter
{
    private readonly ModuleList<AdapterPair> blocks;

    /// <summary>Creates adapters for <paramref name="depth"/> blocks of width <paramref name="dim"/>.</summary>
    public StochasticAdapter(int dim, int depth, StochasticAdapterOptions options) : base("adapter")
    {
        var problems = options.Validate(dim).ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        if (depth <= 0) throw new ArgumentOutOfRangeException(nameof(depth), depth, "depth must be positive.");
        Options = options;
        blocks = nn.ModuleList(Enumerable.Range(0, depth).Select(_ => new AdapterPair(dim, options.Bottleneck)).ToArray());
        RegisterComponents();
    }

    /// <summary>The options the adapter was built with.</summary>
    public StochasticAdapterOptions Options { get; }

    /// <summary>The branch pair of block <paramref name="block"/>.</summary>
    public AdapterPair this[int block] => blocks[block];

    /// <inheritdoc />
    public double FixedScale => Options.OutputScale;

    /// <summary>Number of blocks adapted.</summary>
    public int Depth => blocks.Count;

    /// <inheritdoc />
    public override Tensor forward(Tensor normed, int block, AdapterSite site)
    {
        var pair = blocks[block];
        var branch = site == AdapterSite.Attention ? pair.Attention : pair.Mlp;
        using var output = branch.forward(normed);
        var scaled = output * Options.OutputScale;
        return training && Options.DropPath > 0 ? DropPathPerSample(scaled, Options.DropPath) : scaled;
    }

    private static Tensor DropPathPerSample(Tensor x, double p)
    {
        var maskShape = new long[x.dim()];
        maskShape[0] = x.shape[0];
        for (int i = 1; i < maskShape.Length; i++) maskShape[i] = 1;
        using var keep = torch.empty(maskShape, dtype: x.dtype, device: x.device).bernoulli_(1 - p);
        using var scaledKeep = keep.div_(1 - p);
        return x * scaledKeep;
    }
}
