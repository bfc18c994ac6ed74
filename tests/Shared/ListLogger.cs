using Microsoft.Extensions.Logging;

namespace Puma.Testing;

/// <summary>An ILogger that keeps every formatted message with its level (thread-safe).</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> entries = [];

    /// <summary>Every message, in order.</summary>
    public List<string> Messages { get { lock (entries) return entries.Select(e => e.Message).ToList(); } }

    /// <summary>The warnings, in order.</summary>
    public List<string> Warnings { get { lock (entries) return entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList(); } }

    /// <summary>Every entry with its level, in order.</summary>
    public List<(LogLevel Level, string Message)> Entries { get { lock (entries) return [.. entries]; } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (entries) entries.Add((logLevel, formatter(state, exception)));
    }
}
