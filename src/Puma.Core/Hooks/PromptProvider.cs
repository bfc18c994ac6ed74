using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Hooks;

/// <summary>
/// Extension point: a module that produces prompt tokens from the patch tokens of an image. The encoder inserts them
/// right after the CLS token (they share the CLS position embedding unless a checkpoint provides their own).
/// Implementations live outside Puma.Core (for example <c>Puma.Prompts.PromptPool</c>).
/// </summary>
public abstract class PromptProvider : nn.Module
{
    /// <summary>Creates the provider module with a name used in state-dict keys.</summary>
    protected PromptProvider(string name) : base(name) { }

    /// <summary>Number of prompt tokens inserted per image.</summary>
    public abstract int PromptLength { get; }

    /// <summary>Prompt tokens <c>[B, PromptLength, D]</c> for patch tokens <c>[B, N, D]</c> (before position embeddings).</summary>
    /// <param name="patchTokens">The stem's patch tokens.</param>
    /// <param name="recorder">Optional sink for intermediate activations (query, component weights, prompt).</param>
    public abstract Tensor forward(Tensor patchTokens, ActivationRecorder? recorder = null);

    /// <summary>An auxiliary loss to add to the training objective (already weighted), or <c>null</c>.</summary>
    public virtual Tensor? RegularizationLoss() => null;
}
