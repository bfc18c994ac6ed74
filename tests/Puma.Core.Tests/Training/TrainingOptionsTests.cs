using NUnit.Framework;
using Puma.Training;

namespace Puma.Core.Tests.Training;

/// <summary>Every invalid or contradictory training option is reported at once, by name.</summary>
public class TrainingOptionsTests
{
    [Test]
    public void EveryInvalidOptionIsListed()
    {
        var options = new TrainingOptions
        {
            Epochs = -1,
            BatchSize = 0,
            LearningRate = double.PositiveInfinity,
            WeightDecay = -1e-4,
            ModuleLearningRateMultiplier = 0,
            ProxyLearningRateMultiplier = double.NaN,
            Schedule = LearningRateSchedule.Step(0, 2),
            Clipping = GradientClipping.ByNorm(-1),
        };
        var error = Assert.Throws<ArgumentException>(options.Validate)!;
        Assert.That(error.Message, Does.Contain("Epochs").And.Contain("BatchSize").And.Contain("LearningRate").And.Contain("WeightDecay")
            .And.Contain("ModuleLearningRateMultiplier").And.Contain("ProxyLearningRateMultiplier")
            .And.Contain("every-epochs must be positive (got 0)").And.Contain("gamma must be in (0, 1] (got 2)")
            .And.Contain("Gradient clip norm must be positive (got -1)"));
    }

    [Test]
    public void NullScheduleOrClippingIsNamed()
    {
        var error = Assert.Throws<ArgumentException>(new TrainingOptions { Schedule = null!, Clipping = null! }.Validate)!;
        Assert.That(error.Message, Does.Contain("Schedule must not be null").And.Contain("Clipping must not be null"));
    }

    [Test]
    public void InvalidCheckpointAndNanOptionsAreNamed()
    {
        var options = new TrainingOptions
        {
            Seed = null,
            NonFiniteLoss = (NonFiniteLossPolicy)7,
            Checkpoint = new TrainingCheckpointOptions(" ") { EveryEpochs = 0, EverySteps = -2, Keep = 0 },
        };
        var error = Assert.Throws<ArgumentException>(options.Validate)!;
        Assert.That(error.Message, Does.Contain("Checkpoint.Folder must not be empty").And.Contain("Checkpoint.EveryEpochs must be at least 1 (got 0)")
            .And.Contain("Checkpoint.EverySteps must be at least 1 (got -2)").And.Contain("Checkpoint.Keep must be at least 1 (got 0)")
            .And.Contain("Checkpoint needs a Seed").And.Contain("NonFiniteLoss must be SkipStep or Stop (got 7)"));
        var neither = new TrainingOptions { Checkpoint = new TrainingCheckpointOptions("x") { EveryEpochs = null } };
        Assert.That(Assert.Throws<ArgumentException>(neither.Validate)!.Message, Does.Contain("needs EveryEpochs or EverySteps"));
    }

    [Test]
    public void DeterministicWithoutASeedIsContradictory()
    {
        var error = Assert.Throws<ArgumentException>(new TrainingOptions { Deterministic = true, Seed = null }.Validate)!;
        Assert.That(error.Message, Does.Contain("Deterministic needs a Seed"));
        Assert.DoesNotThrow(new TrainingOptions { Deterministic = true, Seed = 4 }.Validate);
        Assert.DoesNotThrow(new TrainingOptions { Deterministic = false, Seed = null }.Validate);
    }

    [Test]
    public void CosineScheduleOutOfRangeIsNamed()
    {
        var error = Assert.Throws<ArgumentException>(new TrainingOptions { Schedule = LearningRateSchedule.Cosine(1.5, 1) }.Validate)!;
        Assert.That(error.Message, Does.Contain("final factor must be in [0, 1] (got 1.5)").And.Contain("warm-up fraction must be in [0, 1) (got 1)"));
    }
}
