namespace Puma.Cli.LiveDisplay;

/// <summary>
/// Where long work reports how far it is: named tasks (one bar each on a terminal, throttled log lines otherwise), each
/// with a done count out of a total. Implementations are thread-safe.
/// </summary>
internal abstract class ProgressTracker
{
    /// <summary>Reports that <paramref name="task"/> has done <paramref name="done"/> of <paramref name="total"/> units.</summary>
    /// <param name="task">The task's key; the first report of a key starts it.</param>
    /// <param name="done">Units done so far.</param>
    /// <param name="total">Units in all (may change between reports, e.g. when the epoch count is learnt).</param>
    /// <param name="label">What to show beside the bar instead of the key (e.g. the epoch and the last loss).</param>
    public abstract void Report(string task, double done, double total, string? label = null);

    /// <summary>An <see cref="IProgress{T}"/> that forwards each value to <see cref="Report"/> synchronously (no thread hop).</summary>
    public IProgress<T> For<T>(Action<ProgressTracker, T> report) => new Forwarder<T>(this, report);

    private sealed class Forwarder<T>(ProgressTracker tracker, Action<ProgressTracker, T> report) : IProgress<T>
    {
        public void Report(T value) => report(tracker, value);
    }
}
