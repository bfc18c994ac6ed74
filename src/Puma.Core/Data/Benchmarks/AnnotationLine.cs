using System.Globalization;

namespace Puma.Data.Benchmarks;

/// <summary>One non-blank line of an annotation text file, split on whitespace, with its 1-based line number.</summary>
internal sealed record AnnotationLine(string File, int Number, string Text, string[] Fields)
{
    /// <summary>The line's fields after the first <paramref name="skip"/>, joined by single spaces.</summary>
    public string Rest(int skip) => string.Join(' ', Fields.Skip(skip));

    /// <summary>Throws unless the line has at least <paramref name="count"/> fields.</summary>
    public AnnotationLine Require(int count, string layout)
    {
        if (Fields.Length < count)
        {
            throw Malformed($"expected {layout}");
        }
        return this;
    }

    /// <summary>Field <paramref name="index"/> as an integer.</summary>
    public int Int(int index, string what)
    {
        if (index >= Fields.Length || !int.TryParse(Fields[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            throw Malformed($"the {what} '{(index < Fields.Length ? Fields[index] : "")}' is not an integer");
        }
        return value;
    }

    /// <summary>An exception naming the file, the line number and the line.</summary>
    public InvalidDataException Malformed(string problem) => new($"{File}:{Number}: {problem} (line: \"{Text}\").");
}
