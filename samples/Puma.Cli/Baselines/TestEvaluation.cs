using Puma.Evaluation;
using Puma.Features;
using Puma.Models;
using TorchSharp;

namespace Puma.Cli.Baselines;

/// <summary>Test embeddings of a model, and their retrieval metrics on the test split (the same evaluator for every method).</summary>
internal static class TestEvaluation
{
    /// <summary>Recall@K per dataset, unified and harmonic mean of <paramref name="embeddings"/> (rows in test-sample order).</summary>
    public static RetrievalReport Evaluate(BaselineContext context, float[] embeddings, int dim, CancellationToken ct) =>
        RetrievalEvaluator.Evaluate(new RetrievalSet(embeddings, dim, context.Test.Labels.ToArray(), context.Test.DatasetIndices.ToArray(),
            context.Test.DatasetNames), cancellationToken: ct);

    /// <summary>The model's embeddings of every test sample, in eval mode.</summary>
    public static (float[] Embeddings, int Dim) Embed(UniversalMetricModel model, FeatureDataset data)
    {
        model.eval();
        return EmbeddingComputer.Compute(data, f => model.ForwardFeatures(f), model.Device);
    }

    /// <summary>Row-wise L2 normalisation of a row-major <c>[N, dim]</c> array, in place.</summary>
    public static void NormalizeRows(float[] values, int dim)
    {
        for (int row = 0; row < values.Length / dim; row++)
        {
            var span = values.AsSpan(row * dim, dim);
            double norm = 0;
            foreach (float v in span) norm += (double)v * v;
            float scale = (float)(1 / Math.Max(Math.Sqrt(norm), 1e-12));
            for (int i = 0; i < span.Length; i++) span[i] *= scale;
        }
    }
}
