using static TorchSharp.torch;

namespace Puma.Training;

/// <summary>One training batch: embedder inputs and labels (owned by the batch; dispose it).</summary>
public sealed class TrainingBatch(Tensor inputs, Tensor labels) : IDisposable
{
    /// <summary>Inputs of <see cref="ITrainableEmbedder.EmbedFeatures"/> <c>[B, ...]</c>.</summary>
    public Tensor Inputs { get; } = inputs ?? throw new ArgumentNullException(nameof(inputs));

    /// <summary>Global labels <c>[B]</c> (int64).</summary>
    public Tensor Labels { get; } = labels ?? throw new ArgumentNullException(nameof(labels));

    /// <summary>Disposes both tensors.</summary>
    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
    }
}
