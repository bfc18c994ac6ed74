using System.Text;

namespace Puma.Core.Tests.Onnx;

/// <summary>Hand-builds protobuf wire bytes for tests (tag = field &lt;&lt; 3 | wire type).</summary>
internal sealed class ProtoTestWriter
{
    private readonly List<byte> _bytes = [];

    public byte[] ToArray() => [.. _bytes];

    public ProtoTestWriter Varint(int field, long value) => Tag(field, 0).RawVarint((ulong)value);

    public ProtoTestWriter Float(int field, float value)
    {
        Tag(field, 5);
        _bytes.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    public ProtoTestWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2).RawVarint((ulong)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    public ProtoTestWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoTestWriter Message(int field, ProtoTestWriter message) => Bytes(field, message.ToArray());

    public ProtoTestWriter PackedFloats(int field, params float[] values) =>
        Bytes(field, values.SelectMany(BitConverter.GetBytes).ToArray());

    public ProtoTestWriter PackedVarints(int field, params long[] values)
    {
        var packed = new ProtoTestWriter();
        foreach (long value in values)
        {
            packed.RawVarint((ulong)value);
        }

        return Bytes(field, packed.ToArray());
    }

    private ProtoTestWriter Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private ProtoTestWriter RawVarint(ulong value)
    {
        do
        {
            byte low = (byte)(value & 0x7F);
            value >>= 7;
            _bytes.Add(value == 0 ? low : (byte)(low | 0x80));
        }
        while (value != 0);
        return this;
    }
}
