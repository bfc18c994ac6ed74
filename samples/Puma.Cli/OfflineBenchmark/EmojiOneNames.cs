namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// The EmojiOne (gemojione) file names that may hold an emoji: its <c>unified</c> code, its
/// <c>non_qualified</c> code, and the unified code without the <c>FE0F</c> variation selectors, upper case,
/// each with ".png" (the matching rule of offline-data.md, A7).
/// </summary>
internal static class EmojiOneNames
{
    /// <summary>Candidate file names, most specific first, without repeats.</summary>
    public static IReadOnlyList<string> Candidates(string unified, string? nonQualified)
    {
        ArgumentException.ThrowIfNullOrEmpty(unified);
        var names = new List<string> { unified.ToUpperInvariant() };
        if (!string.IsNullOrEmpty(nonQualified))
        {
            names.Add(nonQualified.ToUpperInvariant());
        }
        string withoutSelector = string.Join('-', unified.ToUpperInvariant().Split('-').Where(p => p != "FE0F"));
        names.Add(withoutSelector);
        return names.Distinct(StringComparer.Ordinal).Select(n => n + ".png").ToList();
    }
}
