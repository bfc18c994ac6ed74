using Microsoft.Extensions.Logging;
using Puma.Training;
using Spectre.Console;

namespace Puma.Cli.Training;

/// <summary>
/// Runs a fit under a Spectre.Console progress bar (all steps of all epochs; the epoch and the last loss as its label)
/// when the output is an interactive terminal, and with <see cref="StepLogger"/>'s plain log lines otherwise. Under the
/// bar the trainer gets no logger, so that log lines do not tear the live display.
/// </summary>
internal static class TrainingProgressBar
{
    public static TrainingReport Run(ILogger logger, Func<IProgress<TrainingProgress>, ILogger?, TrainingReport> fit)
    {
        if (!CommandConsole.CanShowProgress(AnsiConsole.Console)) return fit(new StepLogger(logger, every: 20), logger);
        TrainingReport? report = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: 1);
                report = fit(new Bar(task), null);
                task.Value = task.MaxValue;
            });
        return report!;
    }

    /// <summary>Moves the bar synchronously from the training thread (Spectre's tasks are thread-safe).</summary>
    private sealed class Bar(ProgressTask task) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            task.MaxValue = (double)value.Epochs * value.StepsPerEpoch;
            task.Value = (double)(value.Epoch - 1) * value.StepsPerEpoch + value.Step;
            task.Description = $"epoch {value.Epoch}/{value.Epochs}, loss {value.Loss:F4}";
        }
    }
}
