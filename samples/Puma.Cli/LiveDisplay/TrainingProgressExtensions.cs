using Puma.Training;

namespace Puma.Cli.LiveDisplay;

/// <summary>Shows a fit's <see cref="TrainingProgress"/> as one task: every step of every epoch, labelled with the epoch and the loss.</summary>
internal static class TrainingProgressExtensions
{
    public static IProgress<TrainingProgress> ForTraining(this ProgressTracker tracker, string task) =>
        tracker.For<TrainingProgress>((t, p) => t.Report(task,
            (double)(p.Epoch - 1) * p.StepsPerEpoch + p.Step,
            (double)p.Epochs * p.StepsPerEpoch,
            $"epoch {p.Epoch}/{p.Epochs}, loss {p.Loss:F4}"));
}
