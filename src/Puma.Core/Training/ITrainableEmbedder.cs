using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Training;

/// <summary>Something the <see cref="MetricTrainer"/> can train: features in, embeddings out, with parameter groups.</summary>
public interface ITrainableEmbedder
{
    /// <summary>The module (switched between train and eval mode by the trainer).</summary>
    nn.Module Module { get; }

    /// <summary>Width of the embeddings the loss sees.</summary>
    int EmbeddingDim { get; }

    /// <summary>Embeddings <c>[B, E]</c> of a batch of cached stem features (called in training mode).</summary>
    Tensor EmbedFeatures(Tensor features);

    /// <summary>The trainable parameter groups (the loss proxies are added by the trainer).</summary>
    IReadOnlyList<ParameterGroup> ParameterGroups(TrainingOptions options);

    /// <summary>An auxiliary loss for the current step (for example the prompt pool's orthogonality penalty), or null.</summary>
    Tensor? RegularizationLoss();
}
