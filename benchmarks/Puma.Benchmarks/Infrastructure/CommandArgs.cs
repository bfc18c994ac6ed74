using System.Globalization;

namespace Puma.Benchmarks.Infrastructure;

/// <summary>Minimal <c>--name value</c> option reader for the non-BenchmarkDotNet commands.</summary>
/// <param name="Args">The arguments after the command name.</param>
public sealed record CommandArgs(IReadOnlyList<string> Args)
{
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    /// <summary>Throws when an argument names an option the command has not read (a typo such as <c>--repeat</c>),
    /// or when there is a stray value. Commands call it after reading their options, before any work.</summary>
    public void RejectUnknown()
    {
        for (int i = 0; i < Args.Count; i++)
        {
            if (read.Contains(Args[i])) { i++; continue; }
            string known = read.Count == 0 ? "none" : string.Join(", ", read.Order(StringComparer.Ordinal));
            throw new OptionException(Args[i].StartsWith("--", StringComparison.Ordinal)
                ? $"Unknown option {Args[i]} (this command takes: {known})."
                : $"Unexpected argument '{Args[i]}' (this command takes: {known}).");
        }
    }

    /// <summary>The value following <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public string Text(string name, string fallback)
    {
        read.Add(name);
        int at = Args.ToList().IndexOf(name);
        if (at < 0) return fallback;
        if (at + 1 >= Args.Count) throw new OptionException($"Option {name} needs a value.");
        return Args[at + 1];
    }

    /// <summary>The integer following <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public int Integer(string name, int fallback)
    {
        var text = Text(name, fallback.ToString(CultureInfo.InvariantCulture));
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new OptionException($"Option {name} must be a positive integer (got '{text}').");
    }

    /// <summary>A comma-separated list of positive integers following <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public int[] Integers(string name, params int[] fallback)
    {
        var text = Text(name, string.Join(",", fallback));
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(part =>
            int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
                ? value
                : throw new OptionException($"Option {name} must list positive integers (got '{text}').")).ToArray();
    }

    /// <summary>The model named by <c>--model</c> (<c>hybrid112</c> or <c>vit-s16</c>).</summary>
    public WorkloadKind Model(string fallback) => ParseModel(Text("--model", fallback));

    /// <summary>Parses <c>hybrid112</c> / <c>vit-s16</c>.</summary>
    public static WorkloadKind ParseModel(string name) => name.ToLowerInvariant() switch
    {
        "hybrid112" => WorkloadKind.Hybrid112,
        "vit-s16" => WorkloadKind.VitS16,
        _ => throw new OptionException($"Unknown model '{name}': expected hybrid112 or vit-s16."),
    };
}
