using Puma.Heads;
using Puma.Tensors;
using Puma.Hooks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Prompts;

/// <summary>
/// PUMA's conditional prompt pool (CODA-Prompt style attention weighting, no top-k). For patch tokens e:
/// <c>q = ½(mean e + max e)</c> (detached); <c>α_m = cos(q ⊙ softmax(A_m), K_m) / √(1 + 1e-5)</c> (the reference's
/// eval-mode BatchNorm with its initial statistics); <c>P(x) = Σ_m α_m P_m</c>.
/// State-dict keys: <c>keys</c> <c>[M, D]</c>, <c>attention</c> <c>[M, D]</c>, <c>components</c> <c>[M, L, D]</c>.
/// </summary>
public sealed class PromptPool : PromptProvider
{
    /// <summary>The constant the reference applies to the weights (BatchNorm1d in eval with mean 0, variance 1).</summary>
    public static readonly double WeightScale = 1.0 / Math.Sqrt(1.0 + 1e-5);

    private readonly Parameter keys;
    private readonly Parameter attention;
    private readonly Parameter components;
    private readonly ComponentUsage usage;

    /// <summary>Creates the pool for tokens of width <paramref name="dim"/>.</summary>
    public PromptPool(int dim, PromptPoolOptions options) : base("prompt")
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        if (dim <= 0) throw new ArgumentOutOfRangeException(nameof(dim), dim, "dim must be positive.");
        Options = options;
        int m = options.ComponentCount, l = options.PromptLength;
        keys = nn.Parameter(torch.empty(m, dim));
        attention = nn.Parameter(torch.empty(m, dim));
        components = nn.Parameter(torch.empty(m, l, dim));
        using (torch.no_grad())
        {
            nn.init.orthogonal_(keys);
            nn.init.orthogonal_(attention);
            InitializeComponents(options.Init, m, l, dim);
        }
        usage = new ComponentUsage(m);
        RegisterComponents();
    }

    /// <summary>The options the pool was built with.</summary>
    public PromptPoolOptions Options { get; }

    /// <inheritdoc />
    public override int PromptLength => Options.PromptLength;

    /// <summary>Keys K <c>[M, D]</c>.</summary>
    public Parameter Keys => keys;

    /// <summary>Attention vectors A <c>[M, D]</c>.</summary>
    public Parameter AttentionVectors => attention;

    /// <summary>Prompt components P <c>[M, L, D]</c>.</summary>
    public Parameter Components => components;

    /// <summary>Running statistics of the component weights seen in training forward passes.</summary>
    public ComponentUsage Usage => usage;

    /// <summary>The per-component weights α <c>[B, M]</c> for patch tokens <c>[B, N, D]</c>.</summary>
    public Tensor ComponentWeights(Tensor patchTokens, ActivationRecorder? recorder = null)
    {
        using var query = Query(patchTokens);
        recorder?.Record("query", query);
        using var focus = nn.functional.softmax(attention, dim: -1);
        using var attended = query.unsqueeze(1) * focus.unsqueeze(0);
        using var attendedUnit = L2Normalization.Normalize(attended);
        using var keysUnit = L2Normalization.Normalize(keys);
        using var cosine = (attendedUnit * keysUnit.unsqueeze(0)).sum(dim: -1);
        recorder?.Record("alpha_cos", cosine);
        var alpha = cosine * WeightScale;
        recorder?.Record("alpha", alpha);
        return alpha;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor patchTokens, ActivationRecorder? recorder = null)
    {
        using var alpha = ComponentWeights(patchTokens, recorder);
        if (training) usage.Observe(alpha);
        var prompt = torch.einsum("bm,mld->bld", alpha, components);
        recorder?.Record("prompt", prompt);
        return prompt;
    }

    /// <summary>
    /// λ · 1e-6 · [mean((KKᵀ − I)²) + mean((AAᵀ − I)²) + mean((P̃P̃ᵀ − I)²)], P̃ = P flattened to M×(L·D).
    /// </summary>
    public override Tensor? RegularizationLoss()
    {
        if (Options.OrthogonalityWeight == 0) return null;
        var total = OrthogonalityPenalty(keys) + OrthogonalityPenalty(attention) + OrthogonalityPenalty(components.flatten(1));
        return total * (Options.OrthogonalityWeight * PromptPoolOptions.OrthogonalityScale);
    }

    /// <summary>The pool query ½(mean + max) over patch tokens, detached (no gradient into the stem).</summary>
    public static Tensor Query(Tensor patchTokens)
    {
        using var detached = patchTokens.detach();
        using var mean = detached.mean([1]);
        using var max = detached.amax([1]);
        return (mean + max) / 2;
    }

    private static Tensor OrthogonalityPenalty(Tensor rows)
    {
        long m = rows.shape[0];
        using var gram = rows.matmul(rows.t());
        using var identity = torch.eye(m, dtype: rows.dtype, device: rows.device);
        return (gram - identity).pow(2).mean();
    }

    private void InitializeComponents(PromptInit init, int m, int l, int dim)
    {
        if (init == PromptInit.Orthogonal)
        {
            using var flat = torch.empty(m, l * dim);
            nn.init.orthogonal_(flat);
            components.copy_(flat.reshape(m, l, dim));
            return;
        }
        using var first = torch.empty(l, dim);
        nn.init.orthogonal_(first);
        components.copy_(first.unsqueeze(0).expand(m, l, dim));
    }
}
