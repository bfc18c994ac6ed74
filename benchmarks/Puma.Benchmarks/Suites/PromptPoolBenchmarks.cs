using BenchmarkDotNet.Attributes;
using Puma.Benchmarks.Infrastructure;
using Puma.Prompts;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Benchmarks.Suites;

/// <summary>
/// The conditional prompt pool at ViT-S/16 size (M = 20 components of L = 8 tokens, D 384, 196 patch tokens) for
/// batch sizes 1, 16 and 256: the component weighting α alone (query, attention, cosine to the keys), the whole
/// prompt (weighting + Σ α_m P_m), and forward + backward in training mode.
/// </summary>
[MemoryDiagnoser]
public class PromptPoolBenchmarks
{
    private PromptPool pool = null!;
    private Tensor patches = null!;

    /// <summary>Devices to run on.</summary>
    public static IEnumerable<string> Devices => BenchmarkDevices.Names;

    /// <summary>The device.</summary>
    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    /// <summary>Images per call.</summary>
    [Params(1, 16, 256)]
    public int Batch { get; set; }

    /// <summary>Builds the pool and random patch tokens.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var device = BenchmarkDevices.Prepare(Device);
        torch.manual_seed(0);
        pool = new PromptPool(384, new PromptPoolOptions());
        pool.to(device);
        patches = torch.randn(Batch, 196, 384, device: device).DetachFromDisposeScope();
    }

    /// <summary>The component weights α <c>[B, M]</c> (eval).</summary>
    [Benchmark]
    public float Weighting()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        pool.eval();
        return pool.ComponentWeights(patches)[0, 0].item<float>();
    }

    /// <summary>The prompt tokens <c>[B, L, D]</c> (eval).</summary>
    [Benchmark]
    public float Prompt()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        pool.eval();
        return pool.forward(patches)[0, 0, 0].item<float>();
    }

    /// <summary>Training-mode prompt, orthogonality regulariser and backward into keys, attention and components.</summary>
    [Benchmark]
    public float ForwardBackward()
    {
        using var scope = torch.NewDisposeScope();
        pool.train();
        pool.zero_grad();
        var objective = pool.forward(patches).square().mean() + pool.RegularizationLoss()!;
        objective.backward();
        return pool.Components.grad![0, 0, 0].item<float>();
    }

    /// <summary>Releases native memory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        patches.Dispose();
        pool.Dispose();
    }
}
