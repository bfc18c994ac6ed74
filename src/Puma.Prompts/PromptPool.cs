using Puma.Heads;
using Puma.Tensors;
using Puma.Hooks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Prompts;

/// <summary>
/// PUMA's conditional prompt pool. Default (<see cref="PromptSelection.Attention"/>, the reference code's CODA-Prompt
/// style weighting, no top-k), for patch tokens e:
/// <c>q = ½(mean e + max e)</c> (detached); <c>α_m = cos(q ⊙ softmax(A_m), K_m) / √(1 + 1e-5)</c> (the reference's
/// eval-mode BatchNorm with its initial statistics); <c>P(x) = Σ_m α_m P_m</c>.
/// Top-k mode (<see cref="PromptSelection.TopK"/>, L2P style): each sample selects its own k components with the
/// highest <c>cos(q, K_m)</c> and its prompt is their concatenation <c>[P_{m1}; …; P_{mk}]</c> (k × L tokens); in training
/// the key-pull term <c>γ · (1/B) Σ_b Σ_{m∈S(b)} (1 − cos(q_b, K_m))</c> is added through <see cref="RegularizationLoss"/>.
/// State-dict keys: <c>keys</c> <c>[M, D]</c>, <c>attention</c> <c>[M, D]</c> (attention mode only), <c>components</c> <c>[M, L, D]</c>.
/// Usage statistics (<see cref="Usage"/>) are gathered in training-mode forward passes.
/// </summary>
public sealed class PromptPool : PromptProvider, IComponentUsageSource
{
    /// <summary>The constant the reference applies to the weights (BatchNorm1d in eval with mean 0, variance 1).</summary>
    public static readonly double WeightScale = 1.0 / Math.Sqrt(1.0 + 1e-5);

    private readonly Parameter keys;
    private readonly Parameter? attention;
    private readonly Parameter components;
    private readonly ComponentUsage usage;
    private readonly PendingTerm pendingPull = new();

    /// <summary>Creates the pool for tokens of width <paramref name="dim"/>.</summary>
    public PromptPool(int dim, PromptPoolOptions options) : base("prompt")
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        if (dim <= 0) throw new ArgumentOutOfRangeException(nameof(dim), dim, "dim must be positive.");
        Options = options;
        int m = options.ComponentCount, l = options.PromptLength;
        bool topK = options.Selection == PromptSelection.TopK;
        keys = nn.Parameter(torch.empty(m, dim));
        attention = topK ? null : nn.Parameter(torch.empty(m, dim));
        components = nn.Parameter(torch.empty(m, l, dim));
        using (torch.no_grad())
        {
            nn.init.orthogonal_(keys);
            if (attention is not null) nn.init.orthogonal_(attention);
            InitializeComponents(options.Init, m, l, dim);
        }
        usage = new ComponentUsage(m, countsSelections: topK);
        RegisterComponents();
    }

    /// <summary>The options the pool was built with.</summary>
    public PromptPoolOptions Options { get; }

    /// <summary>Prompt tokens per sample: L, or k × L in top-k mode.</summary>
    public override int PromptLength => Options.TokensPerSample;

    /// <summary>Keys K <c>[M, D]</c>.</summary>
    public Parameter Keys => keys;

    /// <summary>Attention vectors A <c>[M, D]</c>; null in top-k mode, which has none.</summary>
    public Parameter? AttentionVectors => attention;

    /// <summary>Prompt components P <c>[M, L, D]</c>.</summary>
    public Parameter Components => components;

    /// <summary>Running statistics of the component weights seen in training forward passes.</summary>
    public ComponentUsage Usage => usage;

    /// <summary>
    /// The per-component weights <c>[B, M]</c> for patch tokens <c>[B, N, D]</c>: α in attention mode (differentiable);
    /// in top-k mode the 0/1 mask of each sample's selected components.
    /// </summary>
    public Tensor ComponentWeights(Tensor patchTokens, ActivationRecorder? recorder = null)
    {
        if (attention is null)
        {
            using var selected = SelectComponents(patchTokens);
            return SelectionMask(selected);
        }
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

    /// <summary>The cosine between each sample's query and each key, <c>[B, M]</c> (differentiable in the keys only).</summary>
    public Tensor KeySimilarity(Tensor patchTokens)
    {
        using var query = Query(patchTokens);
        using var queryUnit = L2Normalization.Normalize(query);
        using var keysUnit = L2Normalization.Normalize(keys);
        return queryUnit.matmul(keysUnit.t());
    }

    /// <summary>
    /// Top-k mode: the k components each sample selects, <c>[B, k]</c> int64, most similar first. Per sample: there is
    /// no batch-wise majority vote (which makes every sample of a batch share one choice and collapses the pool).
    /// </summary>
    /// <exception cref="InvalidOperationException">The pool is in attention mode.</exception>
    public Tensor SelectComponents(Tensor patchTokens)
    {
        if (attention is not null)
            throw new InvalidOperationException("SelectComponents needs top-k mode; this pool is attention-weighted (PromptPoolOptions.TopK).");
        using var similarity = KeySimilarity(patchTokens);
        return TopIndices(similarity);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor patchTokens, ActivationRecorder? recorder = null)
    {
        if (attention is null) return ForwardTopK(patchTokens, recorder);
        using var alpha = ComponentWeights(patchTokens, recorder);
        if (training) usage.Observe(alpha);
        var prompt = torch.einsum("bm,mld->bld", alpha, components);
        recorder?.Record("prompt", prompt);
        return prompt;
    }

    /// <summary>
    /// The orthogonality penalty λ · 1e-6 · [mean((KKᵀ − I)²) + mean((AAᵀ − I)²) + mean((P̃P̃ᵀ − I)²)], P̃ = P flattened
    /// to M×(L·D) (no A term in top-k mode), plus in top-k mode the key-pull term of the last training-mode forward pass
    /// (consumed by this call). Null when both are absent.
    /// </summary>
    public override Tensor? RegularizationLoss()
    {
        var pull = pendingPull.Take();
        if (Options.OrthogonalityWeight == 0) return pull;
        var total = OrthogonalityPenalty(keys) + OrthogonalityPenalty(components.flatten(1));
        if (attention is not null) total = total + OrthogonalityPenalty(attention);
        var weighted = total * (Options.OrthogonalityWeight * PromptPoolOptions.OrthogonalityScale);
        return pull is null ? weighted : weighted + pull;
    }

    /// <inheritdoc />
    public ComponentUsageSnapshot UsageSnapshot() => usage.ToSnapshot("prompt");

    /// <inheritdoc />
    public void ResetUsage() => usage.Reset();

    /// <summary>The pool query ½(mean + max) over patch tokens, detached (no gradient into the stem).</summary>
    public static Tensor Query(Tensor patchTokens)
    {
        using var detached = patchTokens.detach();
        using var mean = detached.mean([1]);
        using var max = detached.amax([1]);
        return (mean + max) / 2;
    }

    private Tensor ForwardTopK(Tensor patchTokens, ActivationRecorder? recorder)
    {
        using var scope = torch.NewDisposeScope();
        int k = Options.SelectedCount, l = Options.PromptLength;
        long batch = patchTokens.shape[0], dim = components.shape[2];
        recorder?.Record("query", Query(patchTokens));
        var similarity = KeySimilarity(patchTokens);                              // [B, M]
        recorder?.Record("key_cos", similarity);
        var selected = TopIndices(similarity);                                    // [B, k]
        recorder?.Record("selected", selected);
        var prompt = components.index_select(0, selected.flatten()).reshape(batch, k * l, dim);
        recorder?.Record("prompt", prompt);
        if (training)
        {
            usage.Observe(SelectionMask(selected));
            if (Options.PullWeight > 0)
            {
                var pull = (1 - similarity.gather(1, selected)).sum() * (Options.PullWeight / batch);
                pendingPull.Set(pull.MoveToOuterDisposeScope());
            }
        }
        return prompt.MoveToOuterDisposeScope();
    }

    private Tensor TopIndices(Tensor similarity)
    {
        var (values, indices) = similarity.detach().topk(Options.SelectedCount, dim: 1, largest: true, sorted: true);
        values.Dispose();
        return indices;
    }

    private Tensor SelectionMask(Tensor selected)
    {
        using var scope = torch.NewDisposeScope();
        var ones = torch.ones(selected.shape, device: selected.device);
        var mask = torch.zeros(selected.shape[0], Options.ComponentCount, device: selected.device).scatter(1, selected, ones);
        return mask.MoveToOuterDisposeScope();
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
