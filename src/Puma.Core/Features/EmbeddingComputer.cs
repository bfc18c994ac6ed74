using Puma.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Features;

/// <summary>Runs an embedding function over a <see cref="FeatureDataset"/> in eval batches and evaluates retrieval on the result.</summary>
public static class EmbeddingComputer
{
    /// <summary>Embeddings of every sample as a managed row-major array (N × dim).</summary>
    /// <param name="data">Cached features.</param>
    /// <param name="embed">Features batch → embeddings <c>[B, E]</c> (called under no_grad).</param>
    /// <param name="device">Device of the model.</param>
    /// <param name="batchSize">Rows per call (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="embed"/> returned something other than <c>[rows, E]</c>.</exception>
    public static (float[] Embeddings, int Dim) Compute(FeatureDataset data, Func<Tensor, Tensor> embed, Device device, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(embed);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1); // 0 would loop forever
        float[]? result = null;
        int dim = 0;
        using var noGrad = torch.no_grad();
        for (int start = 0; start < data.Count; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            int count = Math.Min(batchSize, data.Count - start);
            var output = embed(data.Features.narrow(0, start, count).to(device)).to(ScalarType.Float32).cpu().contiguous();
            if (output.dim() != 2 || output.shape[0] != count || (result is not null && output.shape[1] != dim))
                throw new InvalidOperationException(
                    $"The embedding function returned [{string.Join(", ", output.shape)}] for {count} rows; expected [{count}, {(result is null ? "E" : dim)}].");
            if (result is null)
            {
                dim = (int)output.shape[1];
                result = new float[(long)data.Count * dim];
            }
            output.data<float>().CopyTo(result, start * dim);
        }
        return (result!, dim);
    }

    /// <summary>Embeds every sample and evaluates retrieval per dataset, unified and as harmonic mean.</summary>
    public static RetrievalReport Evaluate(FeatureDataset data, Func<Tensor, Tensor> embed, Device device, RetrievalOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var (embeddings, dim) = Compute(data, embed, device);
        var set = new RetrievalSet(embeddings, dim, data.Labels.ToArray(), data.DatasetIndices.ToArray(), data.DatasetNames);
        return RetrievalEvaluator.Evaluate(set, options, cancellationToken: cancellationToken);
    }
}
