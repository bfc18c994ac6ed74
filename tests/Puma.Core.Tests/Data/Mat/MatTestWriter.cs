using System.Buffers.Binary;
using System.Text;

namespace Puma.Core.Tests.Data.Mat;

/// <summary>Builds level-5 MAT-file bytes by hand (either byte order), for the cases scipy does not write: big-endian files, malformed files.</summary>
internal sealed class MatTestWriter(bool bigEndian)
{
    public byte[] Header(string text = "MATLAB 5.0 MAT-file, written by the Puma tests")
    {
        var header = new byte[128];
        Encoding.ASCII.GetBytes(text.PadRight(116)).CopyTo(header, 0);
        (header[124], header[125]) = bigEndian ? ((byte)0x01, (byte)0x00) : ((byte)0x00, (byte)0x01);
        (header[126], header[127]) = bigEndian ? ((byte)'M', (byte)'I') : ((byte)'I', (byte)'M');
        return header;
    }

    public byte[] U32(params uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 * i), values[i]);
            else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        }
        return bytes;
    }

    public byte[] I16(params short[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2 * i), values[i]);
            else BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        }
        return bytes;
    }

    public byte[] F64(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(8 * i), values[i]);
            else BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        }
        return bytes;
    }

    /// <summary>A full data element: 8-byte tag, the data, zero padding to 8 bytes.</summary>
    public byte[] Element(uint type, byte[] data)
    {
        int padded = (data.Length + 7) & ~7;
        var bytes = new byte[8 + padded];
        U32(type, (uint)data.Length).CopyTo(bytes, 0);
        data.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>A small data element: size and type packed in 4 bytes, then up to 4 data bytes.</summary>
    public byte[] Small(uint type, byte[] data)
    {
        var bytes = new byte[8];
        U32(((uint)data.Length << 16) | type).CopyTo(bytes, 0);
        data.CopyTo(bytes, 4);
        return bytes;
    }

    /// <summary>A miMATRIX element: array flags, dimensions, name (small element when it fits), then <paramref name="parts"/>.</summary>
    public byte[] Matrix(int arrayClass, int[] dims, string name, params byte[][] parts)
    {
        byte[] nameBytes = Encoding.ASCII.GetBytes(name);
        var body = new List<byte>();
        body.AddRange(Element(6, U32((uint)arrayClass, 0)));
        body.AddRange(Element(5, U32(dims.Select(d => (uint)d).ToArray())));
        body.AddRange(nameBytes.Length <= 4 ? Small(1, nameBytes) : Element(1, nameBytes));
        foreach (byte[] part in parts) body.AddRange(part);
        return Element(14, body.ToArray());
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
