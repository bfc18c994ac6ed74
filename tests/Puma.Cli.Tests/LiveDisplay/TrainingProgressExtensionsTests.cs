using NUnit.Framework;
using Puma.Cli.LiveDisplay;
using Puma.Training;

namespace Puma.Cli.Tests.LiveDisplay;

public sealed class TrainingProgressExtensionsTests
{
    [Test]
    public void AStepOfAFitBecomesItsPositionAmongAllStepsOfAllEpochs()
    {
        var tracker = new RecordingTracker();
        var progress = tracker.ForTraining("fit");
        progress.Report(new TrainingProgress(Epoch: 1, Epochs: 3, Step: 4, StepsPerEpoch: 10, Loss: 0.5, LearningRate: 1e-3));
        progress.Report(new TrainingProgress(Epoch: 3, Epochs: 3, Step: 10, StepsPerEpoch: 10, Loss: 0.125, LearningRate: 1e-4));
        Assert.That(tracker.Reports, Is.EqualTo(new[]
        {
            ("fit", 4.0, 30.0, "epoch 1/3, loss 0.5000"),
            ("fit", 30.0, 30.0, "epoch 3/3, loss 0.1250"),
        }));
    }

    private sealed class RecordingTracker : ProgressTracker
    {
        public List<(string, double, double, string?)> Reports { get; } = [];

        public override void Report(string task, double done, double total, string? label = null) => Reports.Add((task, done, total, label));
    }
}
