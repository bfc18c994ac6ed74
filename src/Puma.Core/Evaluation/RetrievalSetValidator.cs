namespace Puma.Evaluation;

/// <summary>The checks behind the <see cref="RetrievalSet"/> constructor; each failure names its culprit.</summary>
internal static class RetrievalSetValidator
{
    public static void Validate(
        float[] embeddings, int dimension, int[] labels, int[] datasetIndices, string[] datasetNames, SampleRole[] roles)
    {
        int n = labels.Length;
        if (n == 0)
            throw new ArgumentException("The retrieval set is empty: no labels were given.", nameof(labels));
        if (dimension <= 0)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Embedding dimension must be positive.");
        if (embeddings.LongLength != (long)n * dimension)
            throw new ArgumentException(
                $"Embeddings hold {embeddings.LongLength} values, expected N×D = {n}×{dimension} = {(long)n * dimension} (N from labels).",
                nameof(embeddings));
        if (datasetIndices.Length != n)
            throw new ArgumentException($"datasetIndices has {datasetIndices.Length} entries, expected N = {n} (from labels).", nameof(datasetIndices));
        if (roles.Length != n)
            throw new ArgumentException($"roles has {roles.Length} entries, expected N = {n} (from labels).", "roles");
        ValidateDatasets(datasetIndices, datasetNames, roles);
        ValidateRows(embeddings, dimension);
    }

    private static void ValidateDatasets(int[] datasetIndices, string[] datasetNames, SampleRole[] roles)
    {
        if (datasetNames.Length == 0)
            throw new ArgumentException("At least one dataset name is required.", nameof(datasetNames));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in datasetNames)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException("Dataset names must be non-empty.", nameof(datasetNames));
            if (!names.Add(name))
                throw new ArgumentException($"Dataset name '{name}' is used twice.", nameof(datasetNames));
        }
        var queries = new int[datasetNames.Length];
        var gallery = new int[datasetNames.Length];
        for (int i = 0; i < datasetIndices.Length; i++)
        {
            int d = datasetIndices[i];
            if (d < 0 || d >= datasetNames.Length)
                throw new ArgumentOutOfRangeException(
                    nameof(datasetIndices), d, $"Sample {i} has dataset index {d}, outside [0, {datasetNames.Length}).");
            var role = roles[i];
            if (role is not (SampleRole.Query or SampleRole.Gallery or SampleRole.Both))
                throw new ArgumentOutOfRangeException(nameof(roles), role, $"Sample {i} has an invalid role {role}.");
            if (role.HasFlag(SampleRole.Query)) queries[d]++;
            if (role.HasFlag(SampleRole.Gallery)) gallery[d]++;
        }
        for (int d = 0; d < datasetNames.Length; d++)
        {
            if (queries[d] == 0)
                throw new ArgumentException($"Dataset '{datasetNames[d]}' has no query sample.", nameof(roles));
            if (gallery[d] == 0)
                throw new ArgumentException($"Dataset '{datasetNames[d]}' has no gallery sample.", nameof(roles));
        }
    }

    private static void ValidateRows(float[] embeddings, int dimension)
    {
        int n = embeddings.Length / dimension;
        for (int row = 0; row < n; row++)
        {
            var values = embeddings.AsSpan(row * dimension, dimension);
            double squared = 0;
            for (int col = 0; col < dimension; col++)
            {
                float v = values[col];
                if (!float.IsFinite(v))
                    throw new ArgumentException($"Embedding row {row}, column {col} is {v}; embeddings must be finite.", nameof(embeddings));
                squared += (double)v * v;
            }
            double norm = Math.Sqrt(squared);
            if (norm != 0 && Math.Abs(norm - 1) > RetrievalSet.NormTolerance)
                throw new ArgumentException(
                    $"Embedding row {row} has L2 norm {norm:G6}; rows must be L2-normalised (cosine = dot product).", nameof(embeddings));
        }
    }
}
