namespace Puma.Prompts;

/// <summary>How the prompt components are initialised.</summary>
public enum PromptInit
{
    /// <summary>Reference-code behaviour: component 0 is orthogonal (L×D) and every component starts as a copy of it.</summary>
    CopyOfFirst = 0,

    /// <summary>CODA-Prompt style: the M components, flattened to M×(L·D), are mutually orthogonal.</summary>
    Orthogonal = 1,
}
