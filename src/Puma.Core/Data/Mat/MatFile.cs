using System.Text;

namespace Puma.Data.Mat;

/// <summary>
/// The variables of a MATLAB MAT-file, level 5 (the format of MATLAB v5 to v7: <c>save -v6</c>, <c>-v7</c>, scipy's
/// <c>savemat</c>): a 128-byte header, then tagged data elements, each variable a <c>miMATRIX</c> element, optionally
/// zlib-compressed (<c>miCOMPRESSED</c>). Numeric (all integer and float classes, logical), char, cell and struct
/// arrays are read; little- and big-endian files both. HDF5-based v7.3 files, sparse matrices, objects and complex
/// numbers are rejected with a <see cref="NotSupportedException"/> naming the file and variable.
/// </summary>
public sealed class MatFile
{
    private readonly Dictionary<string, MatArray> _variables;

    private MatFile(string source, string headerText, Dictionary<string, MatArray> variables)
    {
        Source = source;
        HeaderText = headerText;
        _variables = variables;
    }

    /// <summary>The file path (or the name given to <see cref="Read(Stream, string)"/>), used in messages.</summary>
    public string Source { get; }

    /// <summary>The descriptive text of the header, e.g. <c>MATLAB 5.0 MAT-file, Platform: …</c>, trimmed.</summary>
    public string HeaderText { get; }

    /// <summary>The variables by name (ordinal), in file order.</summary>
    public IReadOnlyDictionary<string, MatArray> Variables => _variables;

    /// <summary>Reads a MAT-file from disk.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a level-5 MAT-file or is truncated or malformed.</exception>
    /// <exception cref="NotSupportedException">A v7.3 (HDF5) file, or a sparse, object or complex variable.</exception>
    public static MatFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The MAT-file '{path}' does not exist.", path);
        }
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a MAT-file from a stream (read to its end).</summary>
    /// <param name="stream">The file contents.</param>
    /// <param name="source">A name for messages.</param>
    /// <inheritdoc cref="Read(string)"/>
    public static MatFile Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Parse(copy.ToArray(), source);
    }

    /// <summary>The variable called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such variable (the message names the file and lists the variables).</exception>
    public MatArray Get(string name) =>
        _variables.TryGetValue(name, out var array)
            ? array
            : throw new KeyNotFoundException($"The MAT-file '{Source}' has no variable '{name}' (variables: {string.Join(", ", _variables.Keys)}).");

    /// <summary>The variable <paramref name="name"/> as an array of type <typeparamref name="T"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such variable.</exception>
    /// <exception cref="InvalidDataException">The variable has another class.</exception>
    public T Get<T>(string name) where T : MatArray =>
        Get(name) as T ?? throw new InvalidDataException(
            $"The variable '{name}' of '{Source}' is a {Get(name).ArrayClass} array ({Get(name).Shape}), expected {Describe(typeof(T))}.");

    /// <summary>The numeric variable <paramref name="name"/> as doubles, column-major (any shape).</summary>
    /// <inheritdoc cref="Get{T}(string)"/>
    public IReadOnlyList<double> Numbers(string name) => Get<MatNumericArray>(name).Values;

    /// <summary>
    /// The variable <paramref name="name"/> as strings: a cell array of strings (one per cell, column-major), or the rows of
    /// a char matrix.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such variable.</exception>
    /// <exception cref="InvalidDataException">The variable is neither, or a cell holds something other than a string.</exception>
    public IReadOnlyList<string> Strings(string name)
    {
        switch (Get(name))
        {
            case MatCharArray chars:
                return chars.Rows;
            case MatCellArray cells:
                var result = new string[cells.Count];
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = cells.Cells[i] is MatCharArray text
                        ? text.Text
                        : throw new InvalidDataException($"Cell {i + 1} of '{name}' in '{Source}' is a {cells.Cells[i].ArrayClass} array, not a string.");
                }
                return result;
            case var other:
                throw new InvalidDataException($"The variable '{name}' of '{Source}' is a {other.ArrayClass} array ({other.Shape}), expected strings.");
        }
    }

    private static string Describe(Type type) => type == typeof(MatNumericArray) ? "a numeric array"
        : type == typeof(MatCharArray) ? "a char array"
        : type == typeof(MatCellArray) ? "a cell array"
        : type == typeof(MatStructArray) ? "a struct array"
        : type.Name;

    private static MatFile Parse(byte[] bytes, string source)
    {
        if (bytes.Length < 128)
        {
            throw new InvalidDataException($"'{source}' is {bytes.Length} bytes long, too short for a MAT-file header (128 bytes).");
        }
        string text = Encoding.ASCII.GetString(bytes, 0, 116).TrimEnd('\0', ' ');
        if (text.StartsWith("MATLAB 7.3", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"'{source}' is a MATLAB v7.3 (HDF5) MAT-file; re-save it with save -v7 (or scipy.io.savemat).");
        }
        bool bigEndian = (bytes[126], bytes[127]) switch
        {
            ((byte)'I', (byte)'M') => false,
            ((byte)'M', (byte)'I') => true,
            _ => throw new InvalidDataException(
                $"'{source}' is not a level-5 MAT-file: bytes 126-127 are 0x{bytes[126]:X2} 0x{bytes[127]:X2}, not the 'IM'/'MI' endian indicator."),
        };
        var variables = new Dictionary<string, MatArray>(StringComparer.Ordinal);
        var parser = new MatElementParser(source, bigEndian);
        foreach (MatArray array in parser.ReadTopLevel(bytes, 128))
        {
            if (array.Name.Length > 0)
            {
                variables[array.Name] = array;
            }
        }
        return new MatFile(source, text, variables);
    }
}
