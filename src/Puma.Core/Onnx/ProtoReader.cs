using System.Buffers.Binary;
using System.Text;

namespace Puma.Onnx;

/// <summary>
/// A forward-only reader of the protobuf wire format over one message's bytes. Every length is checked against the
/// bytes that remain, so truncated or garbage input throws <see cref="InvalidDataException"/> and never allocates
/// more than the input size. Sub-messages are read by slicing: <c>new ProtoReader(reader.ReadMessage(...))</c>.
/// </summary>
internal ref struct ProtoReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Starts reading <paramref name="data"/> from its first byte.</summary>
    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>True when every byte has been consumed.</summary>
    public readonly bool IsAtEnd => _position >= _data.Length;

    /// <summary>The number of unread bytes.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Reads a field tag: its field number (1 .. 2^29-1) and wire type.</summary>
    public (int Field, WireType Wire) ReadTag()
    {
        ulong tag = ReadVarint();
        ulong field = tag >> 3;
        if (field == 0 || field > 0x1FFF_FFFF)
        {
            throw new InvalidDataException($"Protobuf: invalid field number {field} at byte {_position}.");
        }

        var wire = (WireType)(tag & 7);
        if (wire is WireType.StartGroup or WireType.EndGroup || (int)wire > (int)WireType.Fixed32)
        {
            throw new InvalidDataException($"Protobuf: unsupported wire type {(int)wire} for field {field} at byte {_position}.");
        }

        return ((int)field, wire);
    }

    /// <summary>Reads a base-128 varint of at most 10 bytes.</summary>
    public ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Truncated("varint");
            }

            byte b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException($"Protobuf: varint longer than 10 bytes at byte {_position}.");
    }

    /// <summary>Reads an int64 (or int32/enum/bool) field value.</summary>
    public long ReadInt64(WireType wire, string field)
    {
        Expect(wire, WireType.Varint, field);
        return (long)ReadVarint();
    }

    /// <summary>Reads an int32/enum field value; values outside the int32 range are rejected.</summary>
    public int ReadInt32(WireType wire, string field)
    {
        long value = ReadInt64(wire, field);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new InvalidDataException($"Protobuf: {field} = {value} is outside the int32 range.");
        }

        return (int)value;
    }

    /// <summary>Reads a float (fixed32) field value.</summary>
    public float ReadFloat(WireType wire, string field)
    {
        Expect(wire, WireType.Fixed32, field);
        return BinaryPrimitives.ReadSingleLittleEndian(Take(4, field));
    }

    /// <summary>Reads a length-delimited field value (bytes, string or sub-message) as a slice of the input.</summary>
    public ReadOnlySpan<byte> ReadBytes(WireType wire, string field)
    {
        Expect(wire, WireType.LengthDelimited, field);
        ulong length = ReadVarint();
        if (length > (ulong)Remaining)
        {
            throw Truncated(field);
        }

        return Take((int)length, field);
    }

    /// <summary>Reads a UTF-8 string field value; invalid UTF-8 is rejected.</summary>
    public string ReadString(WireType wire, string field)
    {
        ReadOnlySpan<byte> bytes = ReadBytes(wire, field);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"Protobuf: {field} is not valid UTF-8.", e);
        }
    }

    /// <summary>Reads one element (unpacked) or a packed run of a repeated float field into <paramref name="into"/>.</summary>
    public void ReadRepeatedFloat(WireType wire, string field, List<float> into)
    {
        if (wire == WireType.Fixed32)
        {
            into.Add(ReadFloat(wire, field));
            return;
        }

        ReadOnlySpan<byte> packed = ReadBytes(wire, field);
        if (packed.Length % 4 != 0)
        {
            throw new InvalidDataException($"Protobuf: packed {field} has {packed.Length} bytes, not a multiple of 4.");
        }

        into.EnsureCapacity(into.Count + (packed.Length / 4));
        for (int offset = 0; offset < packed.Length; offset += 4)
        {
            into.Add(BinaryPrimitives.ReadSingleLittleEndian(packed.Slice(offset, 4)));
        }
    }

    /// <summary>Reads one element (unpacked) or a packed run of a repeated int64 field into <paramref name="into"/>.</summary>
    public void ReadRepeatedInt64(WireType wire, string field, List<long> into)
    {
        if (wire == WireType.Varint)
        {
            into.Add((long)ReadVarint());
            return;
        }

        var packed = new ProtoReader(ReadBytes(wire, field));
        while (!packed.IsAtEnd)
        {
            into.Add((long)packed.ReadVarint());
        }
    }

    /// <summary>Skips the value of a field this reader does not need.</summary>
    public void Skip(WireType wire)
    {
        switch (wire)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8, "fixed64 field");
                break;
            case WireType.LengthDelimited:
                ReadBytes(wire, "skipped field");
                break;
            case WireType.Fixed32:
                Take(4, "fixed32 field");
                break;
            default:
                throw new InvalidDataException($"Protobuf: cannot skip wire type {(int)wire}.");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count > Remaining)
        {
            throw Truncated(field);
        }

        ReadOnlySpan<byte> slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private static void Expect(WireType actual, WireType expected, string field)
    {
        if (actual != expected)
        {
            throw new InvalidDataException($"Protobuf: {field} has wire type {actual}, expected {expected}.");
        }
    }

    private readonly InvalidDataException Truncated(string what) =>
        new($"Protobuf: truncated input while reading {what} at byte {_position} of {_data.Length}.");
}
