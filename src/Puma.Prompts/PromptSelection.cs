namespace Puma.Prompts;

/// <summary>How a <see cref="PromptPool"/> turns its components into the prompt of a sample.</summary>
public enum PromptSelection
{
    /// <summary>
    /// The reference code's (CODA-Prompt style) attention weighting: every component contributes with its weight
    /// α_m = cos(q ⊙ softmax(A_m), K_m); the prompt is Σ_m α_m P_m (L tokens). Keys, attention vectors and prompts all
    /// receive gradients.
    /// </summary>
    Attention = 0,

    /// <summary>
    /// L2P-style hard selection: each sample takes its own k components with the highest cos(q, K_m) (per sample, no
    /// batch-wise voting) and the prompt is their concatenation (k × L tokens, most similar first). Only the selected
    /// prompts receive gradients; the keys learn through the key-pull term. No attention vectors.
    /// </summary>
    TopK = 1,
}
