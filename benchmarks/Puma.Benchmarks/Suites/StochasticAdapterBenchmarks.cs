using BenchmarkDotNet.Attributes;
using Puma.Adapters;
using Puma.Benchmarks.Infrastructure;
using Puma.Hooks;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Benchmarks.Suites;

/// <summary>
/// One stochastic adapter branch (<c>0.1 · DropPath_0.5(up(relu(down x)))</c>) at ViT-S/16 size: tokens
/// <c>[16, 205, 384]</c> (CLS + 8 prompts + 196 patches), bottleneck r = 128. Forward in training mode (DropPath
/// active), in eval mode, and forward + backward (input and weight gradients).
/// </summary>
[MemoryDiagnoser]
public class StochasticAdapterBenchmarks
{
    private StochasticAdapter adapter = null!;
    private Tensor tokens = null!;
    private Device device = null!;

    /// <summary>Devices to run on.</summary>
    public static IEnumerable<string> Devices => BenchmarkDevices.Names;

    /// <summary>The device.</summary>
    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    /// <summary>Bottleneck width r.</summary>
    [Params(128)]
    public int Bottleneck { get; set; }

    /// <summary>Builds one block's adapter pair and random normalised tokens.</summary>
    [GlobalSetup]
    public void Setup()
    {
        device = BenchmarkDevices.Prepare(Device);
        torch.manual_seed(0);
        adapter = new StochasticAdapter(384, 1, new StochasticAdapterOptions().BottleneckDim(Bottleneck));
        using (torch.no_grad())
        {
            // The up-projection starts at zero; give it values so the backward pass is not trivially sparse.
            adapter[0].Attention.UpWeight.normal_(0, 0.02);
        }
        adapter.to(device);
        tokens = torch.randn(16, 205, 384, device: device).requires_grad_(true).DetachFromDisposeScope();
    }

    /// <summary>Training-mode forward (per-sample DropPath).</summary>
    [Benchmark]
    public float ForwardTrain()
    {
        using var scope = torch.NewDisposeScope();
        adapter.train();
        using var noGrad = torch.no_grad();
        return adapter.forward(tokens, 0, AdapterSite.Attention)[0, 0, 0].item<float>();
    }

    /// <summary>Eval-mode forward (every branch on).</summary>
    [Benchmark]
    public float ForwardEval()
    {
        using var scope = torch.NewDisposeScope();
        adapter.eval();
        using var noGrad = torch.no_grad();
        return adapter.forward(tokens, 0, AdapterSite.Attention)[0, 0, 0].item<float>();
    }

    /// <summary>Training-mode forward and backward of a scalar of the output.</summary>
    [Benchmark]
    public float ForwardBackward()
    {
        using var scope = torch.NewDisposeScope();
        adapter.train();
        adapter.zero_grad();
        tokens.grad?.zero_();
        var output = adapter.forward(tokens, 0, AdapterSite.Attention);
        output.sum().backward();
        return adapter[0].Attention.UpWeight.grad![0, 0].item<float>();
    }

    /// <summary>Releases native memory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        tokens.Dispose();
        adapter.Dispose();
    }
}
