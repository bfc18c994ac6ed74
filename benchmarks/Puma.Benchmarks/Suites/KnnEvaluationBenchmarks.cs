using BenchmarkDotNet.Attributes;
using Puma.Benchmarks.Infrastructure;
using Puma.Evaluation;

namespace Puma.Benchmarks.Suites;

/// <summary>
/// Exact chunked cosine kNN evaluation (<see cref="RetrievalEvaluator"/>: Recall@1/2/4/8, MAP@R, R-precision) of
/// 1,000 queries against galleries of 10k and 100k random unit vectors (d = 128, 1,000 classes), query chunks of 1024.
/// A single-dataset set is searched twice (per dataset and unified), as every evaluation does.
/// </summary>
[MemoryDiagnoser]
public class KnnEvaluationBenchmarks
{
    private RetrievalSet set = null!;
    private RetrievalOptions options = null!;

    /// <summary>Devices to run on.</summary>
    public static IEnumerable<string> Devices => BenchmarkDevices.Names;

    /// <summary>The device.</summary>
    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    /// <summary>Gallery size.</summary>
    [Params(10_000, 100_000)]
    public int Gallery { get; set; }

    /// <summary>Builds the random set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        options = new RetrievalOptions { Device = BenchmarkDevices.Prepare(Device) };
        set = RandomRetrievalSets.Create(queries: 1000, gallery: Gallery, dim: 128, classes: 1000);
    }

    /// <summary>Evaluates the set.</summary>
    [Benchmark]
    public double Evaluate() => RetrievalEvaluator.Evaluate(set, options).Unified.RecallAt1;
}
