namespace Puma.Benchmarks.Infrastructure;

/// <summary>A model and a batch size (a BenchmarkDotNet parameter value; printed as <c>Hybrid112/b64</c>).</summary>
/// <param name="Kind">The model.</param>
/// <param name="Batch">Samples per call.</param>
public sealed record WorkloadCase(WorkloadKind Kind, int Batch)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}/b{Batch}";
}
