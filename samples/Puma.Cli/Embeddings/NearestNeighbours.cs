namespace Puma.Cli.Embeddings;

/// <summary>Exact top-K by dot product (cosine similarity of L2-normalised embeddings); ties keep file order.</summary>
internal static class NearestNeighbours
{
    public static IReadOnlyList<(int Index, float Similarity)> Top(EmbeddingsFile gallery, float[] query, int k)
    {
        if (query.Length != gallery.Dim) throw new ArgumentException($"The query has dim {query.Length}, the gallery {gallery.Dim}.", nameof(query));
        var scores = new (int Index, float Similarity)[gallery.Count];
        for (int i = 0; i < gallery.Count; i++)
        {
            var row = gallery.Values.AsSpan(i * gallery.Dim, gallery.Dim);
            float dot = 0;
            for (int d = 0; d < row.Length; d++) dot += row[d] * query[d];
            scores[i] = (i, dot);
        }
        return scores.OrderByDescending(s => s.Similarity).ThenBy(s => s.Index).Take(k).ToArray();
    }
}
