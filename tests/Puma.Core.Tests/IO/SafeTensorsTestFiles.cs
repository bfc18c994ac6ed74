using System.Buffers.Binary;
using System.Text;

namespace Puma.Core.Tests.IO;

/// <summary>Builds safetensors files byte by byte, independently of the library's writer.</summary>
internal static class SafeTensorsTestFiles
{
    /// <summary>Writes an 8-byte LE length, <paramref name="json"/> as UTF-8, then <paramref name="data"/>.</summary>
    public static string Write(string folder, string name, string json, byte[] data, ulong? declaredHeaderLength = null)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredHeaderLength ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Little-endian bytes of 16-bit words.</summary>
    public static byte[] Words(params ushort[] words)
    {
        var bytes = new byte[words.Length * 2];
        for (var i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), words[i]);
        }
        return bytes;
    }

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "puma-safetensors-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
