using BenchmarkDotNet.Attributes;
using Puma.Benchmarks.Infrastructure;
using Puma.Data;
using Puma.Models;

namespace Puma.Benchmarks.Suites;

/// <summary>
/// Inference throughput at batch 1 and 64: the public <see cref="UniversalMetricModel.Embed(IReadOnlyList{RgbImage})"/>
/// on decoded images of the model's input size (pixels → tensor, the whole stem, encoder, head, managed arrays), and
/// the eval forward from cached stem features (what <c>Evaluate</c> runs). Images per second = batch / mean time.
/// </summary>
[MemoryDiagnoser]
public class EmbeddingThroughputBenchmarks
{
    private PumaWorkload workload = null!;
    private RgbImage[] images = [];

    /// <summary>Devices to run on.</summary>
    public static IEnumerable<string> Devices => BenchmarkDevices.Names;

    /// <summary>The device.</summary>
    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    /// <summary>The model.</summary>
    [Params(WorkloadKind.Hybrid112, WorkloadKind.VitS16)]
    public WorkloadKind Model { get; set; }

    /// <summary>Images per call.</summary>
    [Params(1, 64)]
    public int Batch { get; set; }

    /// <summary>Builds the model and random images of its input size.</summary>
    [GlobalSetup]
    public void Setup()
    {
        workload = PumaWorkload.Create(Model, Batch, BenchmarkDevices.Prepare(Device));
        int size = (int)workload.Model.Backbone.Stem.ImageShape[1];
        var random = new Random(0);
        images = Enumerable.Range(0, Batch).Select(_ =>
        {
            var pixels = new byte[size * size * 3];
            random.NextBytes(pixels);
            return new RgbImage(size, size, pixels);
        }).ToArray();
    }

    /// <summary>The public embedding API on decoded images.</summary>
    [Benchmark]
    public int EmbedImages() => workload.Model.Embed(images).Length;

    /// <summary>The eval forward from cached stem features (ViT: patch tokens are recomputed from images).</summary>
    [Benchmark]
    public float EmbedBatchTensor() => workload.Embed();

    /// <summary>Releases native memory.</summary>
    [GlobalCleanup]
    public void Cleanup() => workload.Dispose();
}
