using BenchmarkDotNet.Attributes;
using Puma.Adapters;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Losses;
using Puma.Models;
using Puma.Prompts;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Benchmarks.Suites;

/// <summary>
/// One PUMA training step (forward, Proxy-Anchor loss, backward, AdamW) on cached stem tokens, and one eval-mode
/// embedding batch, for the demo's encoder size (D 192, 4 blocks, 49 tokens) on the CPU.
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private UniversalMetricModel model = null!;
    private ProxyAnchorLoss loss = null!;
    private optim.Optimizer optimizer = null!;
    private Tensor features = null!;
    private Tensor labels = null!;

    /// <summary>Batch size.</summary>
    [Params(64)]
    public int Batch { get; set; }

    /// <summary>Builds the model, loss, optimiser and a random batch of patch tokens.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.manual_seed(0);
        var config = new VitConfig(EmbedDim: 192, Depth: 4, NumHeads: 3, PatchSize: 16, ImageSize: 112);
        model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(config))
            .WithStochasticAdapters(o => o.BottleneckDim(64))
            .WithPromptPool()
            .WithEmbeddingDim(128)
            .Build();
        loss = new ProxyAnchorLoss(100, 128);
        var trainable = model.TrainableParameters().Select(p => p.Parameter).Append(loss.Proxies).ToList();
        optimizer = optim.AdamW(trainable, lr: 1e-4);
        using var images = torch.rand(Batch, 3, 112, 112);
        using (torch.no_grad()) features = model.Backbone.Stem.features(images).detach();
        labels = torch.randint(0, 100, Batch, dtype: ScalarType.Int64);
    }

    /// <summary>Forward, loss, backward and optimiser step.</summary>
    [Benchmark]
    public float TrainStep()
    {
        using var scope = torch.NewDisposeScope();
        model.train();
        optimizer.zero_grad();
        var value = loss.forward(model.ForwardFeatures(features), labels);
        value.backward();
        optimizer.step();
        return value.item<float>();
    }

    /// <summary>Eval-mode embeddings of the batch.</summary>
    [Benchmark]
    public long Embed()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        model.eval();
        return model.ForwardFeatures(features).shape[0];
    }

    /// <summary>Releases native memory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        optimizer.Dispose();
        features.Dispose();
        labels.Dispose();
        loss.Dispose();
        model.Dispose();
    }
}
