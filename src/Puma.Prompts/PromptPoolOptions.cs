namespace Puma.Prompts;

/// <summary>
/// Options of <see cref="PromptPool"/>. Defaults are the PUMA reference code's: M = 20 components of length L = 8,
/// attention-weighted (no top-k), orthogonality penalty weight λ = 1 (multiplied by the reference's fixed 1e-6),
/// components initialised as copies. <see cref="TopK"/> switches to L2P-style per-sample selection.
/// </summary>
public sealed class PromptPoolOptions
{
    /// <summary>The fixed factor the reference code multiplies the orthogonality penalty by.</summary>
    public const double OrthogonalityScale = 1e-6;

    /// <summary>
    /// Default coefficient of the key-pull term in top-k mode: 0.5, the L2P paper's value (confirmed by its maintainer in
    /// google-research/l2p#10; the official config's −0.1 is the same term with the opposite sign convention).
    /// </summary>
    public const double DefaultPullWeight = 0.5;

    /// <summary>How components become prompts (default <see cref="PromptSelection.Attention"/>, the reference's).</summary>
    public PromptSelection Selection { get; private set; } = PromptSelection.Attention;

    /// <summary>k, the components each sample selects in top-k mode (0 in attention mode).</summary>
    public int SelectedCount { get; private set; }

    /// <summary>
    /// γ, the coefficient of the key-pull term in top-k mode:
    /// <c>γ · (1/B) Σ_b Σ_{m ∈ S(b)} (1 − cos(q_b, K_m))</c>, added to the training objective. Minimising it raises the
    /// cosine between each query and the keys it selected (the keys' only learning signal, since top-k is not differentiable).
    /// </summary>
    public double PullWeight { get; private set; } = DefaultPullWeight;

    /// <summary>Pool size M (default 20).</summary>
    public int ComponentCount { get; private set; } = 20;

    /// <summary>Prompt length L (default 8).</summary>
    public int PromptLength { get; private set; } = 8;

    /// <summary>λ: weight of the orthogonality penalty (default 1; the penalty is λ · 1e-6 · (…)).</summary>
    public double OrthogonalityWeight { get; private set; } = 1.0;

    /// <summary>Component initialisation (default <see cref="PromptInit.CopyOfFirst"/>).</summary>
    public PromptInit Init { get; private set; } = PromptInit.CopyOfFirst;

    /// <summary>Sets the pool size M.</summary>
    public PromptPoolOptions Components(int m)
    {
        ComponentCount = m;
        return this;
    }

    /// <summary>Sets the prompt length L.</summary>
    public PromptPoolOptions Length(int l)
    {
        PromptLength = l;
        return this;
    }

    /// <summary>Sets λ, the orthogonality penalty weight (0 disables it).</summary>
    public PromptPoolOptions Orthogonality(double weight)
    {
        OrthogonalityWeight = weight;
        return this;
    }

    /// <summary>Sets the component initialisation.</summary>
    public PromptPoolOptions Initialization(PromptInit init)
    {
        Init = init;
        return this;
    }

    /// <summary>
    /// Switches to L2P-style top-k selection: each sample concatenates its <paramref name="k"/> best-matching components
    /// (prompt length k × L) and the key-pull term with coefficient <paramref name="pullWeight"/> joins the objective.
    /// </summary>
    public PromptPoolOptions TopK(int k, double pullWeight = DefaultPullWeight)
    {
        Selection = PromptSelection.TopK;
        SelectedCount = k;
        PullWeight = pullWeight;
        return this;
    }

    /// <summary>Returns to the reference's attention weighting (the default).</summary>
    public PromptPoolOptions AttentionWeighted()
    {
        Selection = PromptSelection.Attention;
        SelectedCount = 0;
        PullWeight = DefaultPullWeight;
        return this;
    }

    /// <summary>Prompt tokens per sample: L, or k × L in top-k mode.</summary>
    public int TokensPerSample => Selection == PromptSelection.TopK ? SelectedCount * PromptLength : PromptLength;

    internal IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Selection)) yield return $"Unknown prompt selection {Selection}.";
        if (Selection == PromptSelection.TopK)
        {
            if (SelectedCount < 1 || SelectedCount > ComponentCount)
                yield return $"Top-k must select between 1 and the component count {ComponentCount} components (got k = {SelectedCount}).";
            if (!(PullWeight >= 0) || double.IsInfinity(PullWeight))
                yield return $"Key-pull weight must be finite and non-negative (got {PullWeight}).";
        }
        if (ComponentCount <= 0) yield return $"Component count must be positive (got {ComponentCount}).";
        if (PromptLength <= 0) yield return $"Prompt length must be positive (got {PromptLength}).";
        if (!(OrthogonalityWeight >= 0) || double.IsInfinity(OrthogonalityWeight))
            yield return $"Orthogonality weight must be finite and non-negative (got {OrthogonalityWeight}).";
        if (!Enum.IsDefined(Init)) yield return $"Unknown prompt initialisation {Init}.";
    }

    /// <inheritdoc />
    public override string ToString() => Selection == PromptSelection.TopK
        ? FormattableString.Invariant($"prompt pool M={ComponentCount} L={PromptLength} top-k={SelectedCount} pull={PullWeight} λ={OrthogonalityWeight}")
        : FormattableString.Invariant($"prompt pool M={ComponentCount} L={PromptLength} λ={OrthogonalityWeight}");
}
