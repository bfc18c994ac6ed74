using System.Buffers.Binary;
using System.IO.Compression;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// Reads IDX files of unsigned bytes (MNIST, Fashion-MNIST): a big-endian header <c>00 00 08 n</c> (type 0x08 =
/// unsigned byte, n dimensions), then n big-endian 32-bit sizes, then the values. Anything else — another
/// magic or type, a size of 0 or beyond <see cref="int.MaxValue"/> values in all, a file shorter or longer than
/// its header says — is refused with an <see cref="InvalidDataException"/> naming the file.
/// </summary>
internal static class IdxReader
{
    private const byte UnsignedByteType = 0x08;
    private const int MaxDimensions = 4;

    /// <summary>Reads a gzip-compressed IDX file (<c>*-ubyte.gz</c>).</summary>
    public static IdxArray ReadGzipFile(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        try
        {
            return Read(gzip, path);
        }
        catch (InvalidDataException e) when (!e.Message.Contains(path, StringComparison.Ordinal))
        {
            // GZipStream's own errors (a corrupt or truncated gzip stream) do not name the file.
            throw new InvalidDataException($"'{path}' is not a valid gzip IDX file: {e.Message}", e);
        }
    }

    /// <summary>Reads an uncompressed IDX array from <paramref name="stream"/>; <paramref name="name"/> names it in errors.</summary>
    public static IdxArray Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> magic = stackalloc byte[4];
        ReadExactly(stream, magic, name, "the header");
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != UnsignedByteType || magic[3] is 0 or > MaxDimensions)
        {
            throw new InvalidDataException(
                $"'{name}' is not an unsigned-byte IDX file: magic {Convert.ToHexString(magic)}, expected 000008 followed by 1..{MaxDimensions} dimensions.");
        }
        var dimensions = new int[magic[3]];
        Span<byte> size = stackalloc byte[4];
        long total = 1;
        for (int i = 0; i < dimensions.Length; i++)
        {
            ReadExactly(stream, size, name, $"dimension {i}");
            uint value = BinaryPrimitives.ReadUInt32BigEndian(size);
            total *= value;
            if (value == 0 || total > int.MaxValue)
            {
                throw new InvalidDataException(
                    $"'{name}' has an unusable size: dimension {i} is {value} ({(value == 0 ? "empty" : $"more than {int.MaxValue} values in all")}).");
            }
            dimensions[i] = (int)value;
        }
        var values = new byte[total];
        ReadExactly(stream, values, name, $"{total} values");
        if (stream.ReadByte() >= 0)
        {
            throw new InvalidDataException($"'{name}' has bytes after its {total} values: the header does not describe it.");
        }
        return new IdxArray(dimensions, values);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string name, string what)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw new InvalidDataException($"'{name}' is truncated: {what} needs {buffer.Length} bytes, only {read} left.");
        }
    }
}
