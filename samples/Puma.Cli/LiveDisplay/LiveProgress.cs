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
    /// <remarks>The synchronous form of <see cref="RunAsync{T}"/>, which it waits for.</remarks>
    public static T Run<T>(ILogger logger, Func<ProgressTracker, ILogger, T> work) =>
        RunAsync(logger, (tracker, log) => Task.FromResult(work(tracker, log))).GetAwaiter().GetResult();

    /// <summary>Runs <paramref name="work"/> with a tracker and the logger it should write to, asynchronously.</summary>
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
