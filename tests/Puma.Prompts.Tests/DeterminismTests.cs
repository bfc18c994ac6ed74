using NUnit.Framework;
using Puma.Features;
using Puma.Models;
using Puma.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Prompts.Tests;

/// <summary>
/// The same seed gives the same bits: trainable state after a few steps of a tiny PUMA model (adapters with DropPath,
/// prompt pool, head, proxies) and the embeddings it computes. See docs/determinism.md.
/// </summary>
public class DeterminismTests
{
    private static readonly TrainingOptions Options = new() { Epochs = 2, BatchSize = 6, LearningRate = 1e-3, Seed = 17 };

    /// <summary>Builds a model from seed 5, trains it on fixed features, returns its trainable state and embeddings.</summary>
    private static (Dictionary<string, float[]> State, float[] Embeddings, int Steps) Run(TrainingOptions options, IProgress<TrainingProgress>? progress = null)
    {
        torch.manual_seed(123);
        using var model = TinyModels.Puma(seed: 5);
        torch.manual_seed(99);
        Tensor features;
        using (torch.no_grad()) features = model.Backbone.Stem.features(torch.randn(18, 3, 32, 32));
        using var train = new FeatureDataset(features, Enumerable.Range(0, 18).Select(i => i % 3).ToArray(), new int[18], ["d"], 3);
        var report = model.FitAsync(train, options, progress).GetAwaiter().GetResult();
        var state = model.TrainableParameters().ToDictionary(p => p.Name, p => p.Parameter.detach().data<float>().ToArray());
        state["loss.proxies"] = model.Loss!.Proxies.detach().data<float>().ToArray();
        var (embeddings, _) = EmbeddingComputer.Compute(train, f => model.ForwardFeatures(f), model.Device);
        return (state, embeddings, report.Steps);
    }

    private static void AssertBitIdentical((Dictionary<string, float[]> State, float[] Embeddings, int Steps) a,
        (Dictionary<string, float[]> State, float[] Embeddings, int Steps) b)
    {
        Assert.That(a.Steps, Is.EqualTo(6), "2 epochs × 3 steps were taken");
        Assert.That(b.State.Keys, Is.EquivalentTo(a.State.Keys));
        foreach (var (name, values) in a.State)
            Assert.That(BitConverterBits(b.State[name]), Is.EqualTo(BitConverterBits(values)), name);
        Assert.That(BitConverterBits(b.Embeddings), Is.EqualTo(BitConverterBits(a.Embeddings)), "embeddings");
    }

    private static int[] BitConverterBits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    [Test]
    public void SameSeedGivesBitIdenticalTrainingAndEmbeddings()
    {
        var first = Run(Options);
        var second = Run(Options);
        AssertBitIdentical(first, second);
        var other = Run(Options with { Seed = 18 });
        Assert.That(other.State["adapter.blocks.0.attn.up.weight"], Is.Not.EqualTo(first.State["adapter.blocks.0.attn.up.weight"]),
            "another seed changes the batch order and DropPath masks");
    }

    [Test]
    public void DeterministicSwitchRunsOnOneThreadAndRestoresTheSettings()
    {
        int outer = torch.get_num_threads();
        var threadsSeen = new HashSet<int>();
        var progress = new SynchronousProgress(_ => threadsSeen.Add(torch.get_num_threads()));
        var deterministic = Options with { Deterministic = true };
        try
        {
            torch.set_num_threads(2);
            var onTwo = Run(deterministic, progress);
            torch.set_num_threads(1);
            var onOne = Run(deterministic, progress);
            AssertBitIdentical(onTwo, onOne);
            Assert.That(threadsSeen, Is.EquivalentTo(new[] { 1 }), "every step ran on one intra-op thread");
        }
        finally
        {
            torch.set_num_threads(outer);
        }
    }

    /// <summary>Reports on the training thread itself (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
