namespace Puma.Evaluation;

/// <summary>Detects a global label used by two datasets: the sign of missing per-dataset label offsets.</summary>
internal static class LabelOwnership
{
    /// <exception cref="ArgumentException">A label occurs in two datasets.</exception>
    public static void EnsureDisjoint(RetrievalSet set)
    {
        var owner = new Dictionary<int, int>();
        for (int i = 0; i < set.Count; i++)
        {
            int label = set.Labels[i], dataset = set.DatasetIndices[i];
            if (owner.TryAdd(label, dataset) || owner[label] == dataset) continue;
            throw new ArgumentException(
                $"Label {label} is used by datasets '{set.DatasetNames[owner[label]]}' and '{set.DatasetNames[dataset]}' "
                + $"(sample {i}). Global labels must be offset by each dataset's declared class count; set "
                + $"{nameof(RetrievalOptions.AllowLabelsSharedAcrossDatasets)} if the datasets really share classes.",
                nameof(set));
        }
    }
}
