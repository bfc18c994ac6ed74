using Puma.Adapters;
using Puma.Backbones;
using Puma.Backbones.Hybrid;
using Puma.Backbones.Vit;
using Puma.Losses;
using Puma.Models;
using Puma.Prompts;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Benchmarks.Infrastructure;

/// <summary>
/// A PUMA model with its Proxy-Anchor loss, an AdamW optimiser over the trainable parameters and proxies, and one
/// random input batch. <see cref="TrainStep"/> is one whole training step as <c>MetricTrainer</c> runs it (forward in
/// training mode, loss + prompt regulariser, backward, value clipping, AdamW); <see cref="Embed"/> is one eval batch.
/// Build it outside any dispose scope (module parameters would be disposed with the scope).
/// </summary>
public sealed class PumaWorkload : IDisposable
{
    /// <summary>Proxies of the loss (classes of the training set).</summary>
    public const int Classes = 1000;

    private readonly optim.Optimizer optimizer;
    private readonly List<TorchSharp.Modules.Parameter> trainable;

    private PumaWorkload(WorkloadKind kind, UniversalMetricModel model, Tensor input, int batch, Device device)
    {
        Kind = kind;
        Model = model;
        Batch = batch;
        Device = device;
        Loss = new ProxyAnchorLoss(Classes, model.EmbeddingDim);
        if (device.type != DeviceType.CPU)
        {
            model.to(device);
            Loss.to(device);
        }
        Input = input.to(device).DetachFromDisposeScope();
        Labels = torch.randint(0, Classes, batch, dtype: ScalarType.Int64).to(device).DetachFromDisposeScope();
        trainable = model.TrainableParameters().Select(p => p.Parameter).Append(Loss.Proxies).ToList();
        optimizer = optim.AdamW(trainable, lr: 1e-4, weight_decay: 1e-4);
    }

    /// <summary>Which model.</summary>
    public WorkloadKind Kind { get; }

    /// <summary>The model.</summary>
    public UniversalMetricModel Model { get; }

    /// <summary>The loss with its proxies.</summary>
    public ProxyAnchorLoss Loss { get; }

    /// <summary>Stem features (hybrid) or images (ViT) of one batch, on <see cref="Device"/>.</summary>
    public Tensor Input { get; }

    /// <summary>Random labels of the batch.</summary>
    public Tensor Labels { get; }

    /// <summary>Batch size.</summary>
    public int Batch { get; }

    /// <summary>Where the model runs.</summary>
    public Device Device { get; }

    /// <summary>The ResNet-18 ONNX file copied next to the benchmark binary by <c>build/ResNet18Onnx.targets</c>.</summary>
    public static string ResNetOnnxPath => Path.Combine(AppContext.BaseDirectory, "models", "ResNet18.onnx");

    /// <summary>Builds the model <paramref name="kind"/> (seeded) with a random batch of <paramref name="batch"/> inputs.</summary>
    public static PumaWorkload Create(WorkloadKind kind, int batch, Device device, int seed = 0)
    {
        torch.manual_seed(seed);
        var model = CreateModel(kind, seed);
        long[] shape = [batch, .. model.Backbone.Stem.FeatureShape];
        Tensor input;
        if (kind == WorkloadKind.Hybrid112)
            input = torch.rand(shape); // ResNet stage-3 maps are post-ReLU, non-negative
        else
            input = torch.randn(batch, 3, 224, 224);
        return new PumaWorkload(kind, model, input, batch, device);
    }

    /// <summary>The model alone (seeded): the demo's hybrid or the reference ViT-S/16.</summary>
    public static UniversalMetricModel CreateModel(WorkloadKind kind, int seed = 0)
    {
        var builder = UniversalMetricModel.CreateBuilder().WithPromptPool().WithEmbeddingDim(128).WithSeed(seed);
        if (kind == WorkloadKind.Hybrid112)
        {
            var encoder = HybridEncoder.Create(ResNetOnnxPath, HybridVitConfig.Small112);
            return builder.WithBackbone(Backbone.Prebuilt(encoder, "hybrid ResNet-18 Stage3 + ViT D192 depth 4 @ 112px (random init)"))
                .WithStochasticAdapters(a => a.BottleneckDim(64)).Build();
        }
        return builder.WithBackbone(Backbone.Vit(VitConfig.SmallPatch16(224))).WithStochasticAdapters(a => a.BottleneckDim(128)).Build();
    }

    /// <summary>Embeddings of <see cref="Input"/> in the current mode (stem from features or images).</summary>
    public Tensor Forward() => Kind == WorkloadKind.Hybrid112 ? Model.ForwardFeatures(Input) : Model.forward(Input);

    /// <summary>One training step; returns the loss value.</summary>
    public float TrainStep()
    {
        using var scope = torch.NewDisposeScope();
        Model.train();
        optimizer.zero_grad();
        var objective = Loss.forward(Forward(), Labels);
        if (Model.Prompt?.RegularizationLoss() is { } regularization) objective = objective + regularization;
        objective.backward();
        nn.utils.clip_grad_value_(trainable, 1.0);
        optimizer.step();
        return objective.item<float>();
    }

    /// <summary>Value clipping of the current gradients alone (profiling).</summary>
    public void ClipGradients() => nn.utils.clip_grad_value_(trainable, 1.0);

    /// <summary>One AdamW update with the current gradients alone (profiling).</summary>
    public void OptimizerStep()
    {
        using var scope = torch.NewDisposeScope();
        optimizer.step();
    }

    /// <summary>Eval-mode embeddings of the batch (no gradient); returns the first value (forces completion).</summary>
    public float Embed()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Model.eval();
        return Forward()[0, 0].item<float>();
    }

    /// <summary>The analytic FLOP count of one step of this workload.</summary>
    public TrainingStepFlops Flops() => TrainingStepFlops.For(Model, Batch, Classes, stemFromImages: Kind == WorkloadKind.VitS16);

    /// <summary>Releases native memory.</summary>
    public void Dispose()
    {
        optimizer.Dispose();
        Input.Dispose();
        Labels.Dispose();
        Loss.Dispose();
        Model.Dispose();
    }
}
