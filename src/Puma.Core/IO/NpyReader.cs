using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.IO;

/// <summary>
/// Reads one NumPy <c>.npy</c> array (format versions 1–3): the magic <c>\x93NUMPY</c>, a version, a little-endian header
/// length, a Python-literal header <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c>, then raw data.
/// Little-endian float16/32/64 and int32/64 are supported; float16 is upcast exactly to float32.
/// </summary>
public static partial class NpyReader
{
    /// <summary>Reads an array from <paramref name="stream"/> into a new CPU tensor (caller-owned).</summary>
    /// <param name="stream">The stream positioned at the magic string.</param>
    /// <param name="name">The array's name (used in messages).</param>
    /// <exception cref="InvalidDataException">The header is malformed, the dtype unsupported or the data truncated.</exception>
    public static Tensor Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[10];
        ReadExactly(stream, prefix, name);
        if (prefix[0] != 0x93 || Encoding.ASCII.GetString(prefix[1..6]) != "NUMPY")
            throw Invalid(name, "not an .npy array (bad magic string)");
        int major = prefix[6];
        long headerLength;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
        }
        else if (major is 2 or 3)
        {
            Span<byte> more = stackalloc byte[2];
            ReadExactly(stream, more, name);
            headerLength = BinaryPrimitives.ReadUInt32LittleEndian([prefix[8], prefix[9], more[0], more[1]]);
        }
        else
        {
            throw Invalid(name, $"unsupported .npy format version {major}");
        }
        if (headerLength > 1 << 20) throw Invalid(name, $"header length {headerLength} is implausible");
        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, name);
        var header = Encoding.UTF8.GetString(headerBytes);
        var (dtype, itemSize, upcast) = DType(Field(DescrField(), header, name), name);
        bool fortran = Field(FortranField(), header, name) == "True";
        var shape = Shape(Field(ShapeField(), header, name), name);

        long count = shape.Aggregate(1L, (a, b) => checked(a * b));
        var data = new byte[checked(count * itemSize)];
        ReadExactly(stream, data, name);
        using var scope = torch.NewDisposeScope();
        var storageShape = fortran ? shape.Reverse().ToArray() : shape;
        var tensor = torch.empty(storageShape, dtype: dtype);
        if (count > 0) tensor.bytes = data;
        if (fortran) tensor = tensor.permute(Enumerable.Range(0, shape.Length).Reverse().Select(i => (long)i).ToArray()).contiguous();
        if (upcast) tensor = tensor.to_type(ScalarType.Float32);
        return tensor.MoveToOuterDisposeScope();
    }

    private static (ScalarType, int, bool) DType(string descr, string name) => descr switch
    {
        "<f4" => (ScalarType.Float32, 4, false),
        "<f8" => (ScalarType.Float64, 8, false),
        "<f2" => (ScalarType.Float16, 2, true),
        "<i4" => (ScalarType.Int32, 4, false),
        "<i8" => (ScalarType.Int64, 8, false),
        _ => throw Invalid(name, $"unsupported dtype '{descr}' (little-endian f2/f4/f8/i4/i8 only)"),
    };

    private static long[] Shape(string text, string name)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shape = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
                throw Invalid(name, $"bad shape '({text})'");
        }
        return shape;
    }

    private static string Field(Regex regex, string header, string name)
    {
        var match = regex.Match(header);
        return match.Success ? match.Groups[1].Value : throw Invalid(name, $"header '{header.Trim()}' lacks a field");
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string name)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"Invalid .npy array '{name}': truncated.", e);
        }
    }

    private static InvalidDataException Invalid(string name, string message) => new($"Invalid .npy array '{name}': {message}.");

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrField();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranField();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeField();
}
