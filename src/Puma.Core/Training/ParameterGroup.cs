using TorchSharp.Modules;

namespace Puma.Training;

/// <summary>A named set of trainable parameters sharing a learning-rate multiplier.</summary>
/// <param name="Name">Group name (for logs): adapter, prompt, head, proxies…</param>
/// <param name="Parameters">The parameters.</param>
/// <param name="LearningRateMultiplier">Factor applied to the base learning rate.</param>
public sealed record ParameterGroup(string Name, IReadOnlyList<Parameter> Parameters, double LearningRateMultiplier);
