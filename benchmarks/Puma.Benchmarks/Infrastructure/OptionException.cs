namespace Puma.Benchmarks.Infrastructure;

/// <summary>A bad command-line option or value: the run ends with its message and exit code 2, without a stack trace.</summary>
public sealed class OptionException(string message) : ArgumentException(message);
