using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Puma.Cli.LiveDisplay;

/// <summary>
/// Runs one phase of long work (data preparation, feature caching, training) with progress: live bars on an
/// interactive terminal — the phase's log lines are held back and printed when its bars are done — and throttled log
/// lines when the output is redirected.
/// </summary>
internal static class LiveProgress
{
    /// <summary>Runs <paramref name="work"/> with a tracker and the logger it should write to.</summary>
    public static T Run<T>(ILogger logger, Func<ProgressTracker, ILogger, T> work)
    {
        if (!CommandConsole.CanShowProgress(AnsiConsole.Console)) return work(new LoggedProgressTracker(logger), logger);
        var deferred = new DeferredLogger(logger);
        try
        {
            return Bars().Start(context =>
            {
                var tracker = new BarProgressTracker(context);
                T result = work(tracker, deferred);
                tracker.CompleteAll();
                return result;
            });
        }
        finally
        {
            deferred.Flush();
        }
    }

    /// <summary>The asynchronous form of <see cref="Run{T}"/>.</summary>
    public static async Task<T> RunAsync<T>(ILogger logger, Func<ProgressTracker, ILogger, Task<T>> work)
    {
        if (!CommandConsole.CanShowProgress(AnsiConsole.Console)) return await work(new LoggedProgressTracker(logger), logger).ConfigureAwait(false);
        var deferred = new DeferredLogger(logger);
        try
        {
            return await Bars().StartAsync(async context =>
            {
                var tracker = new BarProgressTracker(context);
                T result = await work(tracker, deferred).ConfigureAwait(false);
                tracker.CompleteAll();
                return result;
            }).ConfigureAwait(false);
        }
        finally
        {
            deferred.Flush();
        }
    }

    private static Spectre.Console.Progress Bars() => AnsiConsole.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn());
}
