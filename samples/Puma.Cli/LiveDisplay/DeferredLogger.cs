using Microsoft.Extensions.Logging;

namespace Puma.Cli.LiveDisplay;

/// <summary>
/// Holds the log entries written while a live progress display owns the terminal (a line printed under it would tear
/// it) and replays them, in order, to the real logger afterwards. Thread-safe.
/// </summary>
internal sealed class DeferredLogger(ILogger inner) : ILogger
{
    private readonly List<Action<ILogger>> entries = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel)) return;
        lock (entries) entries.Add(l => l.Log(logLevel, eventId, state, exception, formatter));
    }

    /// <summary>Writes the held entries to the real logger and forgets them.</summary>
    public void Flush()
    {
        Action<ILogger>[] held;
        lock (entries)
        {
            held = [.. entries];
            entries.Clear();
        }
        foreach (var write in held) write(inner);
    }
}
