namespace Puma.Cli.Embeddings;

/// <summary>Exact top-K by dot product (cosine similarity of L2-normalised embeddings); ties keep file order.</summary>
internal static class NearestNeighbours
{
    public static IReadOnlyList<(int Index, float Similarity)> Top(EmbeddingsFile gallery, float[] query, int k) =>
        Top(gallery.Values, gallery.Dim, query, k);

    /// <summary>Top-K rows of a row-major <c>[N, dim]</c> gallery for <paramref name="query"/>.</summary>
    public static IReadOnlyList<(int Index, float Similarity)> Top(float[] gallery, int dim, ReadOnlySpan<float> query, int k)
    {
        if (query.Length != dim) throw new ArgumentException($"The query has dim {query.Length}, the gallery {dim}.", nameof(query));
        int count = gallery.Length / dim;
        var scores = new (int Index, float Similarity)[count];
        for (int i = 0; i < count; i++)
        {
            var row = gallery.AsSpan(i * dim, dim);
            float dot = 0;
            for (int d = 0; d < row.Length; d++) dot += row[d] * query[d];
            scores[i] = (i, dot);
        }
        return scores.OrderByDescending(s => s.Similarity).ThenBy(s => s.Index).Take(k).ToArray();
    }
}
