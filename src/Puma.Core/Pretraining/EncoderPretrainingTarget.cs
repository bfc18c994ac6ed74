using Puma.Backbones.Hybrid;
using Puma.Backbones.Vit;
using Puma.Tensors;
using Puma.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Pretraining;

/// <summary>
/// Pre-trains an encoder itself (all transformer weights, not a frozen CNN stem) as a metric model: the embedding is
/// its L2-normalised final CLS token — the same feature the frozen-backbone baseline is evaluated on.
/// </summary>
public sealed class EncoderPretrainingTarget : ITrainableEmbedder
{
    private readonly VisionTransformer encoder;

    /// <summary>Makes every non-CNN parameter of <paramref name="encoder"/> trainable.</summary>
    public EncoderPretrainingTarget(VisionTransformer encoder)
    {
        this.encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        foreach (var (name, p) in encoder.named_parameters())
            p.requires_grad = !name.StartsWith(HybridPatchEmbed.CnnPrefix, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public nn.Module Module => encoder;

    /// <inheritdoc />
    public int EmbeddingDim => encoder.EmbedDim;

    /// <inheritdoc />
    public Tensor EmbedFeatures(Tensor features) =>
        L2Normalization.Normalize(encoder.forward(encoder.Stem.tokens(features)).select(1, 0));

    /// <inheritdoc />
    public IReadOnlyList<ParameterGroup> ParameterGroups(TrainingOptions options) =>
        [new ParameterGroup("encoder", encoder.parameters().Where(p => p.requires_grad).ToList(), 1.0)];

    /// <inheritdoc />
    public Tensor? RegularizationLoss() => null;
}
