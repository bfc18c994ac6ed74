using Puma.Features;
using Puma.Tensors;
using static TorchSharp.torch;

namespace Puma.Models;

/// <summary>Checks of what callers hand to the model, done before any tensor math so that errors name their culprit.</summary>
internal static class InputValidation
{
    /// <summary>
    /// <paramref name="batch"/> must be a floating-point <c>[B, ...<paramref name="sampleShape"/>]</c> tensor with B ≥ 1
    /// and only finite values.
    /// </summary>
    public static void RequireBatch(Tensor batch, long[] sampleShape, string what, string parameter)
    {
        ArgumentNullException.ThrowIfNull(batch, parameter);
        if (batch.dim() != sampleShape.Length + 1 || batch.shape[0] < 1 || !batch.shape.Skip(1).SequenceEqual(sampleShape)
            || !batch.is_floating_point())
        {
            throw new ArgumentException(
                $"The {what} must be a floating-point [B, {string.Join(", ", sampleShape)}] tensor with B ≥ 1; " +
                $"got [{string.Join(", ", batch.shape)}] of {batch.dtype}.", parameter);
        }
        if (NonFiniteValues.FirstBadRow(batch) is long bad)
            throw new ArgumentException($"Sample {bad} of the {what} holds NaN or ±∞.", parameter);
    }

    /// <summary>The features of <paramref name="data"/> must have the stem's feature shape.</summary>
    public static void RequireFeatureShape(FeatureDataset data, long[] featureShape, string parameter)
    {
        ArgumentNullException.ThrowIfNull(data, parameter);
        var shape = data.Features.shape.Skip(1).ToArray();
        if (!shape.SequenceEqual(featureShape))
        {
            throw new ArgumentException(
                $"The dataset's features are [{string.Join(", ", shape)}] per sample; this model's stem produces " +
                $"[{string.Join(", ", featureShape)}] (features cached for another backbone or image size?).", parameter);
        }
    }
}
