namespace Puma.Evaluation;

/// <summary>One search problem: which samples query and which samples form the gallery (indices into the set).</summary>
internal sealed record EvaluationScope(string Name, int[] QueryIndices, int[] GalleryIndices)
{
    /// <summary>The queries and gallery items of one dataset.</summary>
    public static EvaluationScope ForDataset(RetrievalSet set, int dataset) =>
        Select(set, set.DatasetNames[dataset], i => set.DatasetIndices[i] == dataset);

    /// <summary>Every query against the merged gallery of all datasets.</summary>
    public static EvaluationScope Unified(RetrievalSet set) => Select(set, "unified", _ => true);

    private static EvaluationScope Select(RetrievalSet set, string name, Func<int, bool> include)
    {
        var queries = new List<int>();
        var gallery = new List<int>();
        for (int i = 0; i < set.Count; i++)
        {
            if (!include(i)) continue;
            if (set.Roles[i].HasFlag(SampleRole.Query)) queries.Add(i);
            if (set.Roles[i].HasFlag(SampleRole.Gallery)) gallery.Add(i);
        }
        return new EvaluationScope(name, queries.ToArray(), gallery.ToArray());
    }
}
