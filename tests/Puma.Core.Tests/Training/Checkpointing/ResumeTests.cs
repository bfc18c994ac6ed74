using NUnit.Framework;
using Puma.Features;
using Puma.Losses;
using Puma.Training;
using Puma.Training.Sampling;
using Puma.Testing;
using TorchSharp;

namespace Puma.Core.Tests.Training.Checkpointing;

/// <summary>
/// A run interrupted after a checkpoint and resumed from it ends in the same trainable state, bit for bit, as an
/// uninterrupted run with the same seed: parameters, proxies, loss buffers, AdamW moments, batch order and dropout masks
/// all continue where they were.
/// </summary>
public class ResumeTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-resume-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static FeatureDataset Data()
    {
        torch.manual_seed(5);
        return new FeatureDataset(torch.randn(24, 4), Enumerable.Range(0, 24).Select(i => i % 3).ToArray(), new int[24], ["d"], 3);
    }

    private TrainingOptions Options(int? everySteps = 4, int? everyEpochs = null) => new()
    {
        Epochs = 3,
        BatchSize = 4,
        LearningRate = 1e-2,
        Seed = 11,
        Checkpoint = new TrainingCheckpointOptions(folder) { EverySteps = everySteps, EveryEpochs = everyEpochs, Keep = 3 },
    };

    /// <summary>Trains a fresh embedder and loss; cancels after <paramref name="stopAfter"/> batches when given.</summary>
    private static (Dictionary<string, int[]> State, TrainingReport? Report) Run(TrainingOptions options, int? stopAfter = null,
        ListLogger? logger = null)
    {
        using var data = Data();
        using var embedder = new DropoutEmbedder(seed: 3);
        torch.manual_seed(4);
        using var loss = new CurricularFaceLossSpec().Create(3, 4);
        using var cancel = new CancellationTokenSource();
        int batches = 0;
        var progress = new Recorder(_ => { if (++batches == stopAfter) cancel.Cancel(); });
        TrainingReport? report = null;
        if (stopAfter is null) report = new MetricTrainer(logger).Fit(embedder, loss, data, options, progress, cancel.Token);
        else Assert.Catch<OperationCanceledException>(() => new MetricTrainer(logger).Fit(embedder, loss, data, options, progress, cancel.Token));
        return (TrainingStateSnapshot.Of(embedder, loss), report);
    }

    [Test]
    public void ResumingMidEpochReachesTheUninterruptedStateBitForBit()
    {
        var (expected, full) = Run(Options() with { Checkpoint = null });

        Run(Options(), stopAfter: 10); // checkpoints after batches 4 and 8 (epoch 2, batch 2), killed in batch 11
        Assert.That(Directory.GetFiles(folder, "checkpoint-*.safetensors").Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "checkpoint-000000004.safetensors", "checkpoint-000000008.safetensors" }));
        var (resumed, report) = Run(Options());

        Assert.That(report!.ResumedFrom, Does.EndWith("checkpoint-000000008.safetensors"));
        Assert.That(resumed.Keys, Is.EquivalentTo(expected.Keys));
        foreach (var key in expected.Keys) Assert.That(resumed[key], Is.EqualTo(expected[key]), key);
        Assert.That(report.Steps, Is.EqualTo(full!.Steps));
        Assert.That(report.EpochLosses, Is.EqualTo(full.EpochLosses), "epoch means include the batches before the checkpoint");
    }

    [Test]
    public void ResumingAtAnEpochBoundaryWithClassSamplingMatchesBitForBit()
    {
        var options = Options(everySteps: null, everyEpochs: 1) with { Sampling = BatchSampling.MPerClass(2, batchesPerEpoch: 5) };
        var (expected, _) = Run(options with { Checkpoint = null });

        Run(options, stopAfter: 7); // epoch 1 checkpointed, stopped in epoch 2
        var (resumed, report) = Run(options);

        Assert.That(report!.ResumedFrom, Does.EndWith("checkpoint-000000005.safetensors"));
        foreach (var key in expected.Keys) Assert.That(resumed[key], Is.EqualTo(expected[key]), key);
    }

    [Test]
    public void ADamagedNewestCheckpointIsSkippedWithAWarningAndThePreviousOneUsed()
    {
        var (expected, _) = Run(Options() with { Checkpoint = null });
        Run(Options(), stopAfter: 10);
        var newest = Path.Combine(folder, "checkpoint-000000008.safetensors");
        var bytes = File.ReadAllBytes(newest);
        bytes[^3] ^= 0x40; // one bit of the data section
        File.WriteAllBytes(newest, bytes);

        var logger = new ListLogger();
        var (resumed, report) = Run(Options(), logger: logger);

        Assert.That(report!.ResumedFrom, Does.EndWith("checkpoint-000000004.safetensors"));
        Assert.That(logger.Messages, Has.Some.Contains("checkpoint-000000008.safetensors").And.Contains("checksum mismatch"));
        foreach (var key in expected.Keys) Assert.That(resumed[key], Is.EqualTo(expected[key]), key);
    }

    [Test]
    public void ATruncatedNewestCheckpointIsSkipped()
    {
        Run(Options(), stopAfter: 10);
        var newest = Path.Combine(folder, "checkpoint-000000008.safetensors");
        var bytes = File.ReadAllBytes(newest);
        File.WriteAllBytes(newest, bytes[..(bytes.Length / 2)]);
        var logger = new ListLogger();

        var (_, report) = Run(Options(), logger: logger);

        Assert.That(report!.ResumedFrom, Does.EndWith("checkpoint-000000004.safetensors"));
        Assert.That(logger.Messages, Has.Some.Contains("checkpoint-000000008.safetensors").And.Contains("damaged"));
    }

    [Test]
    public void ACheckpointOfOtherOptionsIsRefusedWithTheDifference()
    {
        Run(Options(), stopAfter: 5);

        var error = Assert.Throws<InvalidOperationException>(() => Run(Options() with { LearningRate = 2e-2 }));

        Assert.That(error!.Message, Does.Contain("checkpoint-000000004.safetensors").And.Contain("lr=0.01 in the checkpoint, lr=0.02 now"));
    }

    [Test]
    public void ACheckpointOfAnotherBackboneRateIsRefused()
    {
        Run(Options(), stopAfter: 5);

        var error = Assert.Throws<InvalidOperationException>(() => Run(Options() with { BackboneLearningRateMultiplier = 0.3 }));

        Assert.That(error!.Message, Does.Contain("backbone_lr×=1 in the checkpoint, backbone_lr×=0.3 now"));
    }

    [Test]
    public void TheFingerprintDoesNotDependOnTheCulture()
    {
        var options = Options() with { Schedule = LearningRateSchedule.Step(1, 0.5) };
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE"); // 0,5
            Run(options, stopAfter: 5);
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            var (_, report) = Run(options);
            Assert.That(report!.ResumedFrom, Does.EndWith("checkpoint-000000004.safetensors"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Test]
    public void AFinishedRunResumesToItsFinalStateWithoutTraining()
    {
        var (first, full) = Run(Options(everySteps: null, everyEpochs: 1));
        var (again, report) = Run(Options(everySteps: null, everyEpochs: 1));

        Assert.That(report!.ResumedFrom, Does.EndWith("checkpoint-000000018.safetensors"));
        Assert.That(report.Steps, Is.EqualTo(full!.Steps));
        Assert.That(report.EpochLosses, Is.EqualTo(full.EpochLosses));
        foreach (var key in first.Keys) Assert.That(again[key], Is.EqualTo(first[key]), key);
        Assert.That(Directory.GetFiles(folder, "checkpoint-*"), Has.Length.EqualTo(3), "Keep = 3 prunes the oldest");
    }

    [Test]
    public void ResumeFalseStartsAfreshAndDeletesTheEarlierCheckpoints()
    {
        Run(Options(), stopAfter: 10); // checkpoints 4 and 8 of an earlier run
        var fresh = Options() with { Checkpoint = new TrainingCheckpointOptions(folder) { EverySteps = 4, EveryEpochs = null, Resume = false } };

        Run(fresh, stopAfter: 5); // writes its own checkpoint 4 only
        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EqualTo(new[] { "checkpoint-000000004.safetensors" }),
            "the earlier run's checkpoint 8 is gone: a resume cannot mistake it for this run's");
        var (_, report) = Run(fresh);

        Assert.That(report!.ResumedFrom, Is.Null);
    }

    [Test]
    public void LeftoverTemporaryFilesOfKilledWritesAreRemovedOnResume()
    {
        Run(Options(), stopAfter: 5);
        var leftover = Path.Combine(folder, ".checkpoint-000000008.safetensors.0123.tmp");
        File.WriteAllBytes(leftover, [1, 2, 3]);

        var (_, resumed) = Run(Options());

        Assert.That(resumed!.ResumedFrom, Does.EndWith("checkpoint-000000004.safetensors"));
        Assert.That(File.Exists(leftover), Is.False);
    }

    private sealed class Recorder(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
