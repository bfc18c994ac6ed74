using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Puma.Data.Mat;

/// <summary>Decodes the data elements of a level-5 MAT-file (tags, small elements, padding, miMATRIX, miCOMPRESSED).</summary>
internal sealed class MatElementParser
{
    private const int ArrayFlagComplex = 0x08;
    private const int ArrayFlagLogical = 0x02;

    private readonly string _source;
    private readonly bool _bigEndian;

    public MatElementParser(string source, bool bigEndian)
    {
        _source = source;
        _bigEndian = bigEndian;
    }

    /// <summary>A decoded tag: the data type, the data's byte range and where the next element starts.</summary>
    private readonly record struct Element(MatDataType Type, int DataStart, int Size, int Next);

    /// <summary>Every top-level variable of <paramref name="bytes"/> from <paramref name="start"/> on.</summary>
    public IEnumerable<MatArray> ReadTopLevel(byte[] bytes, int start)
    {
        int position = start;
        while (bytes.Length - position >= 8)
        {
            Element element = ReadTag(bytes, position, bytes.Length, compressedAllowed: true);
            if (element.Type == MatDataType.Compressed)
            {
                byte[] inflated = Inflate(bytes, element.DataStart, element.Size, position);
                if (inflated.Length >= 8)
                {
                    Element inner = ReadTag(inflated, 0, inflated.Length, compressedAllowed: false);
                    if (inner.Type == MatDataType.Matrix)
                    {
                        yield return ReadMatrix(inflated, inner);
                    }
                }
            }
            else if (element.Type == MatDataType.Matrix)
            {
                yield return ReadMatrix(bytes, element);
            }
            position = element.Next;
        }
    }

    private Element ReadTag(byte[] bytes, int position, int end, bool compressedAllowed)
    {
        if (end - position < 8)
        {
            throw Malformed(position, $"a data-element tag needs 8 bytes, {end - position} remain");
        }
        uint first = U32(bytes, position);
        MatDataType type;
        int size;
        int dataStart;
        int next;
        if ((first >> 16) != 0)
        {
            type = (MatDataType)(first & 0xFFFF);
            size = (int)(first >> 16);
            if (size > 4)
            {
                throw Malformed(position, $"a small data element claims {size} bytes (at most 4)");
            }
            dataStart = position + 4;
            next = position + 8;
        }
        else
        {
            type = (MatDataType)first;
            uint rawSize = U32(bytes, position + 4);
            if (rawSize > int.MaxValue || position + 8 + (long)rawSize > end)
            {
                throw Malformed(position, $"an element of type {(int)type} claims {rawSize} bytes but only {end - position - 8} remain (truncated file?)");
            }
            size = (int)rawSize;
            dataStart = position + 8;
            long padded = type == MatDataType.Compressed ? size : (size + 7L) & ~7L;
            next = (int)Math.Min(end, dataStart + padded);
        }
        if (type == MatDataType.Compressed && !compressedAllowed)
        {
            throw Malformed(position, "a compressed element nested inside another element");
        }
        if (!Enum.IsDefined(type))
        {
            throw Malformed(position, $"unknown data type {(int)type}");
        }
        return new Element(type, dataStart, size, next);
    }

    private byte[] Inflate(byte[] bytes, int start, int size, int position)
    {
        try
        {
            using var input = new MemoryStream(bytes, start, size, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw Malformed(position, $"the compressed element does not inflate ({e.Message})");
        }
    }

    private MatArray ReadMatrix(byte[] bytes, Element matrix)
    {
        int end = matrix.DataStart + matrix.Size;
        if (matrix.Size == 0)
        {
            return new MatNumericArray("", [0, 0], MatArrayClass.Double, false, []);
        }
        Element flags = ReadTag(bytes, matrix.DataStart, end, compressedAllowed: false);
        if (flags.Size < 8)
        {
            throw Malformed(matrix.DataStart, "the array-flags sub-element is shorter than 8 bytes");
        }
        uint flagWord = U32(bytes, flags.DataStart);
        var arrayClass = (MatArrayClass)(flagWord & 0xFF);
        int flagBits = (int)((flagWord >> 8) & 0xFF);

        Element dimsElement = ReadTag(bytes, flags.Next, end, compressedAllowed: false);
        int[] dims = ReadInt32s(bytes, dimsElement);
        if (dims.Length < 2 || dims.Any(d => d < 0))
        {
            throw Malformed(flags.Next, $"invalid dimensions [{string.Join(", ", dims)}]");
        }
        Element nameElement = ReadTag(bytes, dimsElement.Next, end, compressedAllowed: false);
        string name = Encoding.ASCII.GetString(bytes, nameElement.DataStart, nameElement.Size).TrimEnd('\0');
        string label = name.Length > 0 ? $"variable '{name}'" : "an unnamed array";
        int position = nameElement.Next;

        switch (arrayClass)
        {
            case MatArrayClass.Cell:
                return ReadCell(bytes, position, end, name, dims);
            case MatArrayClass.Struct:
                return ReadStruct(bytes, position, end, name, dims);
            case MatArrayClass.Char:
                return ReadChar(bytes, position, end, name, dims);
            case >= MatArrayClass.Double and <= MatArrayClass.UInt64:
                if ((flagBits & ArrayFlagComplex) != 0)
                {
                    throw new NotSupportedException($"{label} of '{_source}' is complex; only real arrays are supported.");
                }
                return ReadNumeric(bytes, position, end, name, dims, arrayClass, (flagBits & ArrayFlagLogical) != 0);
            default:
                throw new NotSupportedException($"{label} of '{_source}' has the unsupported MATLAB class {arrayClass} ({(int)arrayClass}).");
        }
    }

    private MatNumericArray ReadNumeric(byte[] bytes, int position, int end, string name, int[] dims, MatArrayClass arrayClass, bool logical)
    {
        int count = Product(dims, position);
        double[] values = [];
        if (position < end)
        {
            Element real = ReadTag(bytes, position, end, compressedAllowed: false);
            values = ReadNumbers(bytes, real);
        }
        if (values.Length != count)
        {
            throw Malformed(position, $"'{name}' declares {string.Join("x", dims)} = {count} elements but holds {values.Length}");
        }
        return new MatNumericArray(name, dims, arrayClass, logical, values);
    }

    private MatCharArray ReadChar(byte[] bytes, int position, int end, string name, int[] dims)
    {
        int count = Product(dims, position);
        if (position >= end || count == 0)
        {
            return new MatCharArray(name, dims, "");
        }
        Element data = ReadTag(bytes, position, end, compressedAllowed: false);
        var span = new ReadOnlySpan<byte>(bytes, data.DataStart, data.Size);
        string text = data.Type switch
        {
            MatDataType.Utf8 => Encoding.UTF8.GetString(span),
            MatDataType.UInt8 or MatDataType.Int8 => Encoding.Latin1.GetString(span),
            MatDataType.UInt16 or MatDataType.Utf16 => DecodeUtf16(span),
            MatDataType.Utf32 => _bigEndian ? new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetString(span) : Encoding.UTF32.GetString(span),
            _ => throw Malformed(position, $"char data of type {(int)data.Type}"),
        };
        return new MatCharArray(name, dims, text);
    }

    private string DecodeUtf16(ReadOnlySpan<byte> span) =>
        _bigEndian ? Encoding.BigEndianUnicode.GetString(span) : Encoding.Unicode.GetString(span);

    private MatCellArray ReadCell(byte[] bytes, int position, int end, string name, int[] dims)
    {
        int count = Product(dims, position);
        RequireRoom(count, position, end, $"cell array '{name}'");
        var cells = new MatArray[count];
        for (int i = 0; i < count; i++)
        {
            Element element = ReadTag(bytes, position, end, compressedAllowed: false);
            if (element.Type != MatDataType.Matrix)
            {
                throw Malformed(position, $"cell {i + 1} of '{name}' is an element of type {(int)element.Type}, not miMATRIX");
            }
            cells[i] = ReadMatrix(bytes, element);
            position = element.Next;
        }
        return new MatCellArray(name, dims, cells);
    }

    private MatStructArray ReadStruct(byte[] bytes, int position, int end, string name, int[] dims)
    {
        int count = Product(dims, position);
        Element lengthElement = ReadTag(bytes, position, end, compressedAllowed: false);
        int[] length = ReadInt32s(bytes, lengthElement);
        if (length.Length != 1 || length[0] <= 0)
        {
            throw Malformed(position, $"the field-name length of struct '{name}' is invalid");
        }
        Element namesElement = ReadTag(bytes, lengthElement.Next, end, compressedAllowed: false);
        int fieldCount = namesElement.Size / length[0];
        var fields = new string[fieldCount];
        for (int f = 0; f < fieldCount; f++)
        {
            fields[f] = Encoding.ASCII.GetString(bytes, namesElement.DataStart + f * length[0], length[0]).Split('\0')[0];
        }
        position = namesElement.Next;
        RequireRoom((long)count * fieldCount, position, end, $"struct array '{name}'");
        var values = new MatArray[count * fieldCount];
        for (int i = 0; i < values.Length; i++)
        {
            Element element = ReadTag(bytes, position, end, compressedAllowed: false);
            if (element.Type != MatDataType.Matrix)
            {
                throw Malformed(position, $"field '{fields[i % fieldCount]}' of struct '{name}' is an element of type {(int)element.Type}, not miMATRIX");
            }
            values[i] = ReadMatrix(bytes, element);
            position = element.Next;
        }
        return new MatStructArray(name, dims, fields, values);
    }

    private int[] ReadInt32s(byte[] bytes, Element element)
    {
        if (element.Type != MatDataType.Int32 && element.Type != MatDataType.UInt32)
        {
            throw Malformed(element.DataStart, $"expected 32-bit integers, found data type {(int)element.Type}");
        }
        var result = new int[element.Size / 4];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (int)U32(bytes, element.DataStart + 4 * i);
        }
        return result;
    }

    private double[] ReadNumbers(byte[] bytes, Element element)
    {
        int width = element.Type switch
        {
            MatDataType.Int8 or MatDataType.UInt8 => 1,
            MatDataType.Int16 or MatDataType.UInt16 => 2,
            MatDataType.Int32 or MatDataType.UInt32 or MatDataType.Single => 4,
            MatDataType.Int64 or MatDataType.UInt64 or MatDataType.Double => 8,
            _ => throw Malformed(element.DataStart, $"numeric data of type {(int)element.Type}"),
        };
        var values = new double[element.Size / width];
        var span = new ReadOnlySpan<byte>(bytes, element.DataStart, element.Size);
        for (int i = 0; i < values.Length; i++)
        {
            var v = span.Slice(i * width, width);
            values[i] = element.Type switch
            {
                MatDataType.Int8 => (sbyte)v[0],
                MatDataType.UInt8 => v[0],
                MatDataType.Int16 => _bigEndian ? BinaryPrimitives.ReadInt16BigEndian(v) : BinaryPrimitives.ReadInt16LittleEndian(v),
                MatDataType.UInt16 => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(v) : BinaryPrimitives.ReadUInt16LittleEndian(v),
                MatDataType.Int32 => _bigEndian ? BinaryPrimitives.ReadInt32BigEndian(v) : BinaryPrimitives.ReadInt32LittleEndian(v),
                MatDataType.UInt32 => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(v) : BinaryPrimitives.ReadUInt32LittleEndian(v),
                MatDataType.Single => _bigEndian ? BinaryPrimitives.ReadSingleBigEndian(v) : BinaryPrimitives.ReadSingleLittleEndian(v),
                MatDataType.Int64 => _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(v) : BinaryPrimitives.ReadInt64LittleEndian(v),
                MatDataType.UInt64 => _bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(v) : BinaryPrimitives.ReadUInt64LittleEndian(v),
                _ => _bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(v) : BinaryPrimitives.ReadDoubleLittleEndian(v),
            };
        }
        return values;
    }

    private int Product(int[] dims, int position)
    {
        long count = 1;
        foreach (int d in dims)
        {
            count *= d;
            if (count > int.MaxValue)
            {
                throw Malformed(position, $"dimensions [{string.Join(", ", dims)}] are too large");
            }
        }
        return (int)count;
    }

    /// <summary>Every element of a cell or struct is a tagged miMATRIX of at least 8 bytes: a count the remaining bytes
    /// cannot hold is a corrupt file, rejected before anything is allocated.</summary>
    private void RequireRoom(long elements, int position, int end, string what)
    {
        if (elements > (end - position) / 8)
        {
            throw Malformed(position, $"the {what} declares {elements} elements but only {end - position} bytes remain");
        }
    }

    private uint U32(byte[] bytes, int position) => _bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position, 4))
        : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position, 4));

    private InvalidDataException Malformed(int position, string problem) =>
        new($"Malformed MAT-file '{_source}' (element at byte {position}): {problem}.");
}
