using BenchmarkDotNet.Attributes;
using Puma.Benchmarks.Infrastructure;

namespace Puma.Benchmarks.Suites;

/// <summary>
/// One whole PUMA training step (forward in training mode, Proxy-Anchor + prompt regulariser, backward, value
/// clipping, AdamW): the demo's hybrid model on cached stem features (batch 64) and ViT-S/16 at 224 px on images
/// (batch 8).
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private PumaWorkload workload = null!;

    /// <summary>Devices to run on.</summary>
    public static IEnumerable<string> Devices => BenchmarkDevices.Names;

    /// <summary>Models and batch sizes.</summary>
    public static IEnumerable<WorkloadCase> Cases => [new(WorkloadKind.Hybrid112, 64), new(WorkloadKind.VitS16, 8)];

    /// <summary>The device.</summary>
    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    /// <summary>The model and batch.</summary>
    [ParamsSource(nameof(Cases))]
    public WorkloadCase Case { get; set; } = new(WorkloadKind.Hybrid112, 64);

    /// <summary>Builds the model, loss, optimiser and a random batch.</summary>
    [GlobalSetup]
    public void Setup() => workload = PumaWorkload.Create(Case.Kind, Case.Batch, BenchmarkDevices.Prepare(Device));

    /// <summary>Forward, loss, backward, clipping and optimiser step.</summary>
    [Benchmark]
    public float TrainStep() => workload.TrainStep();

    /// <summary>Releases native memory.</summary>
    [GlobalCleanup]
    public void Cleanup() => workload.Dispose();
}
