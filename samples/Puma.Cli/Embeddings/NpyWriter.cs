using System.Globalization;
using System.Text;

namespace Puma.Cli.Embeddings;

/// <summary>Writes a float32 matrix as a NumPy <c>.npy</c> file (format 1.0, little-endian <c>&lt;f4</c>, C order).</summary>
internal static class NpyWriter
{
    public static void WriteFloat32(Stream stream, ReadOnlySpan<float> values, int rows, int columns)
    {
        if ((long)rows * columns != values.Length) throw new ArgumentException($"{values.Length} values are not {rows}×{columns}.", nameof(values));
        string dictionary = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
        // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64 and ended by '\n'.
        int unpadded = 10 + dictionary.Length + 1;
        string header = dictionary + new string(' ', (64 - unpadded % 64) % 64) + "\n";
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Big-endian hosts are not supported.");
        stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }
}
