using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Evaluation;

/// <summary>
/// Exact cosine kNN (dot products of L2-normalised rows) of a scope's queries over its gallery, in query chunks so the
/// similarity block never exceeds <c>chunk × gallery</c> floats. A query that is also a gallery item is removed from its
/// own neighbours by sample identity: its score is set to −∞ before <c>topk</c> and its index never counts as a hit, so
/// duplicates and ties cannot leak it back in.
/// </summary>
internal static class ChunkedKnn
{
    /// <summary>Searches every query of <paramref name="scope"/> and scores its neighbour list.</summary>
    /// <param name="embeddings">All N×D embeddings of the set, on the evaluation device (not disposed here).</param>
    /// <param name="labels">All N global labels.</param>
    /// <param name="scope">Queries and gallery, as indices into the set.</param>
    /// <param name="maxK">Largest Recall@K cut-off needed.</param>
    /// <param name="chunkSize">Query rows per similarity block.</param>
    /// <param name="cancellationToken">Checked before every chunk.</param>
    public static QueryOutcomes Search(
        Tensor embeddings, int[] labels, EvaluationScope scope, int maxK, int chunkSize, CancellationToken cancellationToken)
    {
        var queries = scope.QueryIndices;
        int gallerySize = scope.GalleryIndices.Length;
        var selfColumn = GalleryColumnOfEachQuery(scope, labels.Length);
        var relevant = RelevantCounts(labels, scope, selfColumn);
        var outcomes = new QueryOutcomes(
            new int[queries.Length], relevant,
            selfColumn.Select(c => c >= 0 ? gallerySize - 1 : gallerySize).ToArray(),
            new double[queries.Length], new double[queries.Length]);

        using var outer = NewDisposeScope();
        var device = embeddings.device;
        var galleryT = embeddings.index_select(0, IndexTensor(scope.GalleryIndices, device)).t();
        var galleryLabels = tensor(scope.GalleryIndices.Select(i => (long)labels[i]).ToArray(), device: device);
        for (int start = 0; start < queries.Length; start += chunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(chunkSize, queries.Length - start);
            int k = Math.Min(gallerySize, Math.Max(maxK, relevant.AsSpan(start, count).ToArray().Max()));
            using var inner = NewDisposeScope();
            SearchChunk(embeddings, labels, galleryT, galleryLabels, queries.AsSpan(start, count).ToArray(),
                selfColumn.AsSpan(start, count).ToArray(), k, outcomes, start);
        }
        return outcomes;
    }

    private static void SearchChunk(
        Tensor embeddings, int[] labels, Tensor galleryT, Tensor galleryLabels, int[] rows, int[] selfColumn,
        int k, QueryOutcomes outcomes, int offset)
    {
        var device = embeddings.device;
        var scores = embeddings.index_select(0, IndexTensor(rows, device)).matmul(galleryT);
        MaskSelf(scores, selfColumn, device);
        var (_, neighbours) = scores.topk(k, dim: 1, largest: true, sorted: true);

        var queryLabels = tensor(rows.Select(i => (long)labels[i]).ToArray(), device: device);
        var self = tensor(selfColumn.Select(c => (long)c).ToArray(), device: device);
        var neighbourLabels = galleryLabels.index_select(0, neighbours.flatten()).view(rows.Length, k);
        var hits = neighbourLabels.eq(queryLabels.unsqueeze(1)).logical_and(neighbours.ne(self.unsqueeze(1)));

        var positions = arange(k, dtype: ScalarType.Int64, device: device).expand(rows.Length, k);
        var firstHit = positions.masked_fill(hits.logical_not(), k).min(dim: 1).values;

        var hitValues = hits.to_type(ScalarType.Float64);
        var relevant = tensor(outcomes.Relevant.AsSpan(offset, rows.Length).ToArray(), device: device).to_type(ScalarType.Int64);
        var withinR = positions.lt(relevant.unsqueeze(1)).to_type(ScalarType.Float64);
        var precisionAtRank = hitValues.cumsum(1) / arange(1, k + 1, dtype: ScalarType.Float64, device: device);
        var divisor = relevant.clamp_min(1).to_type(ScalarType.Float64);
        var averagePrecision = (precisionAtRank * hitValues * withinR).sum(dim: 1) / divisor;
        var rPrecision = (hitValues * withinR).sum(dim: 1) / divisor;

        var first = firstHit.cpu().data<long>().ToArray();
        for (int i = 0; i < rows.Length; i++)
            outcomes.FirstHitRank[offset + i] = first[i] < k ? (int)first[i] : QueryOutcomes.NoHit;
        averagePrecision.cpu().data<double>().CopyTo(outcomes.AveragePrecisionAtR, offset);
        rPrecision.cpu().data<double>().CopyTo(outcomes.RPrecision, offset);
    }

    private static void MaskSelf(Tensor scores, int[] selfColumn, Device device)
    {
        var rows = new List<long>();
        var columns = new List<long>();
        for (int i = 0; i < selfColumn.Length; i++)
        {
            if (selfColumn[i] < 0) continue;
            rows.Add(i);
            columns.Add(selfColumn[i]);
        }
        if (rows.Count == 0) return;
        scores.index_put_(
            tensor(float.NegativeInfinity, device: device),
            tensor(rows.ToArray(), device: device),
            tensor(columns.ToArray(), device: device));
    }

    /// <summary>For each query, its column in the gallery, or −1 when the query is not a gallery item.</summary>
    private static int[] GalleryColumnOfEachQuery(EvaluationScope scope, int setSize)
    {
        var column = new int[setSize];
        Array.Fill(column, -1);
        for (int c = 0; c < scope.GalleryIndices.Length; c++)
            column[scope.GalleryIndices[c]] = c;
        return scope.QueryIndices.Select(q => column[q]).ToArray();
    }

    /// <summary>R of each query: gallery items sharing its label, itself excluded.</summary>
    private static int[] RelevantCounts(int[] labels, EvaluationScope scope, int[] selfColumn)
    {
        var perLabel = new Dictionary<int, int>();
        foreach (var g in scope.GalleryIndices)
            perLabel[labels[g]] = perLabel.GetValueOrDefault(labels[g]) + 1;
        var relevant = new int[scope.QueryIndices.Length];
        for (int i = 0; i < relevant.Length; i++)
            relevant[i] = perLabel.GetValueOrDefault(labels[scope.QueryIndices[i]]) - (selfColumn[i] >= 0 ? 1 : 0);
        return relevant;
    }

    private static Tensor IndexTensor(int[] indices, Device device) =>
        tensor(indices.Select(i => (long)i).ToArray(), device: device);
}
