using NUnit.Framework;
using Puma.Features;
using Puma.IO;
using Puma.Losses;
using Puma.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Training;

/// <summary>
/// A non-finite loss never reaches parameters, proxies, loss buffers or AdamW state, whether the step is skipped or the
/// run stops. The bad value comes from the regularization term, after CurricularFace's forward pass has already updated its
/// running cosine from finite embeddings: the trainer must put that buffer back. The state is read from the checkpoints
/// written after every batch.
/// </summary>
public class NonFinitePolicyTests
{
    private const int PoisonedStep = 3;
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-nan-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private TrainingOptions Options(NonFiniteLossPolicy policy) => new()
    {
        Epochs = 2,
        BatchSize = 4,
        LearningRate = 1e-2,
        NonFiniteLoss = policy,
        Checkpoint = new TrainingCheckpointOptions(folder) { EveryEpochs = null, EverySteps = 1, Keep = 100 },
    };

    private Dictionary<string, Tensor> Checkpoint(int batch) =>
        SafeTensorsReader.Read(Path.Combine(folder, $"checkpoint-{batch:D9}.safetensors"));

    private static void AssertSameState(Dictionary<string, Tensor> actual, Dictionary<string, Tensor> expected, bool withGenerator)
    {
        var keys = expected.Keys.Where(k => withGenerator || k != "rng.torch").ToList();
        Assert.That(keys, Has.Some.StartsWith("adamw.exp_avg.").And.Some.StartsWith("loss.pos_sim").And.Some.StartsWith("param."));
        foreach (var key in keys) Assert.That(SameBits(actual[key], expected[key]), Is.True, key);
    }

    [Test]
    public void ASkippedStepLeavesParametersProxiesBuffersAndOptimizerStateUntouched()
    {
        using var train = Data();
        using var embedder = new RegularizedEmbedder(poisonedCall: PoisonedStep);
        using var loss = new CurricularFaceLossSpec().Create(2, 4);

        var report = new MetricTrainer().Fit(embedder, loss, train, Options(NonFiniteLossPolicy.SkipStep));

        Assert.That(report.SkippedSteps, Is.EqualTo(1));
        var before = Checkpoint(PoisonedStep - 1);
        var after = Checkpoint(PoisonedStep);
        AssertSameState(after, before, withGenerator: false);
        Assert.That(after["adamw.step"].data<long>().ToArray(), Has.All.EqualTo(PoisonedStep - 1), "no AdamW step was counted");
        var next = Checkpoint(PoisonedStep + 1);
        Assert.That(SameBits(next["loss.pos_sim"], after["loss.pos_sim"]), Is.False, "a finite step does update the buffer");
    }

    [Test]
    public void StopThrowsNamingTheStepAndLeavesTheStateOfTheStepBefore()
    {
        using var train = Data();
        using var embedder = new RegularizedEmbedder(poisonedCall: PoisonedStep);
        using var loss = new CurricularFaceLossSpec().Create(2, 4);

        var error = Assert.Throws<NonFiniteLossException>(() => new MetricTrainer().Fit(embedder, loss, train, Options(NonFiniteLossPolicy.Stop)));

        Assert.That((error!.Epoch, error.Step), Is.EqualTo((1, PoisonedStep)));
        Assert.That(error.Message, Does.Contain("epoch 1, step 3").And.Contain("NaN"));
        Assert.That(Directory.GetFiles(folder, "checkpoint-*"), Has.Length.EqualTo(PoisonedStep - 1), "no checkpoint of the bad step");
        using var scope = torch.NewDisposeScope();
        var live = new Dictionary<string, Tensor>
        {
            ["param.0.0"] = embedder.Weight.detach(),
            ["param.1.0"] = loss.Proxies.detach(),
            ["loss.pos_sim"] = loss.named_buffers().Single().buffer,
        };
        var before = Checkpoint(PoisonedStep - 1);
        foreach (var (key, value) in live) Assert.That(SameBits(value, before[key]), Is.True, key);
    }

    private static bool SameBits(Tensor a, Tensor b)
    {
        using var x = a.cpu().contiguous();
        using var y = b.cpu().contiguous();
        return x.shape.SequenceEqual(y.shape) && x.dtype == y.dtype && x.bytes.SequenceEqual(y.bytes);
    }

    private static FeatureDataset Data()
    {
        torch.manual_seed(2);
        return new FeatureDataset(torch.randn(16, 4), Enumerable.Range(0, 16).Select(i => i % 2).ToArray(), new int[16], ["d"], 2);
    }

    /// <summary>Scales features by a learned vector; the regularization of its <c>poisonedCall</c>-th step is NaN.</summary>
    private sealed class RegularizedEmbedder(int poisonedCall) : nn.Module("regularized"), ITrainableEmbedder
    {
        private readonly Parameter weight = nn.Parameter(torch.linspace(0.5, 1.5, 4));
        private int calls;

        public Parameter Weight => weight;

        public nn.Module Module => this;

        public int EmbeddingDim => 4;

        public Tensor EmbedFeatures(Tensor features)
        {
            calls++;
            return features * weight;
        }

        public IReadOnlyList<ParameterGroup> ParameterGroups(TrainingOptions options) => [new ParameterGroup("w", [weight], 1)];

        public Tensor? RegularizationLoss() => calls == poisonedCall ? torch.tensor(float.NaN) : weight.square().sum() * 1e-3;
    }
}
