using Microsoft.Extensions.Logging;
using Puma.Evaluation;

namespace Puma.Core.Tests.Evaluation;

/// <summary>Small builders shared by the evaluation tests.</summary>
internal static class RetrievalTestData
{
    /// <summary>Flattens 2-D points into a row-major N×2 array.</summary>
    public static float[] Rows(params (double X, double Y)[] points) =>
        points.SelectMany(p => new[] { (float)p.X, (float)p.Y }).ToArray();

    /// <summary>A unit 2-D vector whose cosine with (1, 0) is <paramref name="cosine"/>.</summary>
    public static (double X, double Y) WithCosine(double cosine) => (cosine, Math.Sqrt(1 - cosine * cosine));

    public static RetrievalOptions Options(params int[] ks) => new() { Ks = ks };
}

/// <summary>An <see cref="ILogger"/> that keeps every message, for asserting on warnings.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));

    public IEnumerable<string> Warnings => Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message);
}
