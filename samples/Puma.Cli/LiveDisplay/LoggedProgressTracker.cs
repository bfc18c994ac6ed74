using Microsoft.Extensions.Logging;

namespace Puma.Cli.LiveDisplay;

/// <summary>
/// The tracker for redirected output (CI logs, pipes): one log line per task each time it passes another
/// <see cref="Step"/> of its total, and one when it is complete.
/// </summary>
internal sealed class LoggedProgressTracker(ILogger logger, double step = 0.1) : ProgressTracker
{
    private readonly Dictionary<string, double> lastLogged = new(StringComparer.Ordinal);

    /// <summary>The share of a task's total between two log lines.</summary>
    public double Step { get; } = step is > 0 and <= 1 ? step : throw new ArgumentOutOfRangeException(nameof(step), step, "Must be in (0, 1].");

    public override void Report(string task, double done, double total, string? label = null)
    {
        if (total <= 0) return;
        double share = Math.Clamp(done / total, 0, 1);
        lock (lastLogged)
        {
            bool seen = lastLogged.TryGetValue(task, out double last);
            bool due = share >= 1 ? !(seen && last >= 1) : share - last >= Step;
            if (!due) return;
            lastLogged[task] = share;
        }
        logger.LogInformation("{Task}: {Done}/{Total} ({Percent}%){Label}", task, done, total, (int)Math.Floor(share * 100), label is null ? "" : " " + label);
    }
}
