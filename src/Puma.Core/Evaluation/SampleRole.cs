namespace Puma.Evaluation;

/// <summary>
/// What a sample is used for during retrieval evaluation. A sample may be a query, a gallery item, or both
/// (the usual deep-metric-learning protocol where every test image queries all the others).
/// In-Shop-style benchmarks use separate <see cref="Query"/> and <see cref="Gallery"/> sets.
/// </summary>
[Flags]
public enum SampleRole
{
    /// <summary>The sample is searched with, but never returned as a neighbour.</summary>
    Query = 1,

    /// <summary>The sample can be returned as a neighbour, but is never searched with.</summary>
    Gallery = 2,

    /// <summary>The sample is both a query and a gallery item (the default); it is never its own neighbour.</summary>
    Both = Query | Gallery,
}
