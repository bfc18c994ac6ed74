using Puma.Evaluation;
using Puma.Features;
using static TorchSharp.torch;

namespace Puma.Models;

public sealed partial class UniversalMetricModel
{
    /// <summary>The device of the model's parameters.</summary>
    public Device Device => parameters().First().device;

    /// <summary>Retrieval metrics of the model's embeddings on cached test features (per dataset, unified, harmonic mean).</summary>
    /// <exception cref="ArgumentException">The features do not have this model's stem feature shape, or the options are invalid.</exception>
    public RetrievalReport Evaluate(FeatureDataset test, RetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        InputValidation.RequireFeatureShape(test, backbone.Stem.FeatureShape, nameof(test));
        eval();
        return EmbeddingComputer.Evaluate(test, f => Encode(f), Device, options, cancellationToken);
    }

    /// <summary>Retrieval metrics of the frozen backbone's own normalised CLS feature (no adapter, prompt or head).</summary>
    public RetrievalReport EvaluateBackbone(FeatureDataset test, RetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        InputValidation.RequireFeatureShape(test, backbone.Stem.FeatureShape, nameof(test));
        eval();
        return EmbeddingComputer.Evaluate(test, BackboneEmbeddingFromFeatures, Device, options, cancellationToken);
    }
}
