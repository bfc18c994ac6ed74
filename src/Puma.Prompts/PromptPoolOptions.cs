namespace Puma.Prompts;

/// <summary>
/// Options of <see cref="PromptPool"/>. Defaults are the PUMA reference code's: M = 20 components of length L = 8,
/// orthogonality penalty weight λ = 1 (multiplied by the reference's fixed 1e-6), components initialised as copies.
/// </summary>
public sealed class PromptPoolOptions
{
    /// <summary>The fixed factor the reference code multiplies the orthogonality penalty by.</summary>
    public const double OrthogonalityScale = 1e-6;

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

    internal IEnumerable<string> Validate()
    {
        if (ComponentCount <= 0) yield return $"Component count must be positive (got {ComponentCount}).";
        if (PromptLength <= 0) yield return $"Prompt length must be positive (got {PromptLength}).";
        if (!(OrthogonalityWeight >= 0) || double.IsInfinity(OrthogonalityWeight))
            yield return $"Orthogonality weight must be finite and non-negative (got {OrthogonalityWeight}).";
        if (!Enum.IsDefined(Init)) yield return $"Unknown prompt initialisation {Init}.";
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"prompt pool M={ComponentCount} L={PromptLength} λ={OrthogonalityWeight}");
}
