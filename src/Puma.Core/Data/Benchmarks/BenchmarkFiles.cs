namespace Puma.Data.Benchmarks;

/// <summary>File-system checks and annotation reading shared by the benchmark loaders; every failure names the file.</summary>
internal static class BenchmarkFiles
{
    /// <summary>Throws a <see cref="DirectoryNotFoundException"/> naming the dataset and folder unless it exists.</summary>
    public static string RequireFolder(string dataset, string folder)
    {
        string full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"{dataset}: the dataset folder '{full}' does not exist.");
        }
        return full;
    }

    /// <summary>The path of <paramref name="relative"/> under <paramref name="folder"/>; throws naming it when missing.</summary>
    public static string RequireFile(string dataset, string folder, string relative)
    {
        string path = Path.Combine(folder, relative);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{dataset}: the file '{path}' is missing.", path);
        }
        return path;
    }

    /// <summary>The first of <paramref name="candidates"/> (relative to <paramref name="folder"/>) that exists, else null.</summary>
    public static string? FirstExisting(string folder, params string[] candidates) =>
        candidates.Select(c => Path.Combine(folder, c)).FirstOrDefault(File.Exists);

    /// <summary>The non-blank lines of a text file, split on whitespace.</summary>
    public static IEnumerable<AnnotationLine> Lines(string path)
    {
        int number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            string text = raw.Trim();
            if (text.Length > 0)
            {
                yield return new AnnotationLine(path, number, text, text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }
        }
    }

    /// <summary>
    /// Reads <c>key value…</c> lines into a dictionary (value = the rest of the line); a repeated key is an error naming
    /// the line.
    /// </summary>
    public static Dictionary<string, (string Value, AnnotationLine Line)> KeyedLines(string path, string layout)
    {
        var result = new Dictionary<string, (string, AnnotationLine)>(StringComparer.Ordinal);
        foreach (AnnotationLine line in Lines(path))
        {
            line.Require(2, layout);
            if (!result.TryAdd(line.Fields[0], (line.Rest(1), line)))
            {
                throw line.Malformed($"the id '{line.Fields[0]}' is listed twice");
            }
        }
        return result;
    }

    /// <summary>Throws a <see cref="FileNotFoundException"/> when listed images are missing (count and first examples).</summary>
    public static void RequireImages(string dataset, IEnumerable<string> paths, string listedIn)
    {
        int total = 0;
        var missing = new List<string>();
        int missingCount = 0;
        foreach (string path in paths)
        {
            total++;
            if (!File.Exists(path))
            {
                missingCount++;
                if (missing.Count < 3)
                {
                    missing.Add(path);
                }
            }
        }
        if (missingCount > 0)
        {
            throw new FileNotFoundException(
                $"{dataset}: {missingCount} of the {total} images listed in {listedIn} are missing, e.g. {string.Join(", ", missing.Select(m => $"'{m}'"))}.",
                missing[0]);
        }
    }
}
