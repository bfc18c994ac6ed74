using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Models;

public sealed partial class UniversalMetricModel
{
    /// <summary>
    /// Trainable parameters by state-dict name (adapters, prompts, head, and the backbone's encoder under full
    /// fine-tuning); not the loss proxies (<c>loss.proxies</c>), which exist only for training.
    /// </summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> TrainableParameters() =>
        named_parameters().Where(p => p.parameter.requires_grad && !IsLossParameter(p.name)).Select(p => (p.name, p.parameter)).ToList();

    /// <summary>Number of trainable scalars (excluding any loss proxies).</summary>
    public long TrainableParameterCount => TrainableParameters().Sum(p => p.Parameter.numel());

    /// <summary>Number of frozen scalars (the backbone and the prompt position embeddings).</summary>
    public long FrozenParameterCount => named_parameters().Where(p => !p.parameter.requires_grad).Sum(p => p.parameter.numel());

    private static bool IsLossParameter(string name) => name.StartsWith(LossPrefix, StringComparison.Ordinal);

    /// <summary>Trainable scalars per top-level component (<c>adapter</c>, <c>prompt</c>, <c>head</c>, <c>backbone</c> when fine-tuned).</summary>
    public IReadOnlyDictionary<string, long> TrainableParameterCountByComponent() =>
        TrainableParameters()
            .GroupBy(p => p.Name.Split('.')[0])
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Parameter.numel()));
}
