using System.Text.Json;

namespace Puma.IO;

/// <summary>Parses and strictly validates the JSON header of a safetensors file.</summary>
internal static class SafeTensorsHeaderParser
{
    internal const string MetadataKey = "__metadata__";

    /// <summary>Parses <paramref name="json"/>, checking every entry against a data section of <paramref name="dataLength"/> bytes.</summary>
    /// <exception cref="InvalidDataException">The header is malformed; the message names the file and the key.</exception>
    internal static SafeTensorsHeader Parse(string path, byte[] json, long dataLength)
    {
        if (json.Length == 0 || json[0] != (byte)'{')
        {
            throw Invalid(path, "the JSON header does not start with '{'");
        }
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            // JsonDocument accepts invalid UTF-8 inside strings and only fails later, with InvalidOperationException.
            throw Invalid(path, $"the JSON header is not valid UTF-8 (at byte {8 + FirstInvalidUtf8(json)} of the file)");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Invalid safetensors file '{path}': the JSON header is malformed ({e.Message}).", e);
        }
        using (document)
        {
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var tensors = new List<SafeTensorInfo>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(entry.Name))
                {
                    throw Invalid(path, $"key '{entry.Name}' appears twice");
                }
                if (entry.Name == MetadataKey)
                {
                    ReadMetadata(path, entry.Value, metadata);
                }
                else
                {
                    tensors.Add(ReadTensor(path, entry.Name, entry.Value, dataLength));
                }
            }
            CheckLayout(path, tensors, dataLength);
            tensors.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return new SafeTensorsHeader(metadata, tensors, 8 + json.LongLength);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"'{MetadataKey}' is not a JSON object");
        }
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid(path, $"'{MetadataKey}' entry '{item.Name}' is not a string");
            }
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw Invalid(path, $"'{MetadataKey}' entry '{item.Name}' appears twice");
            }
        }
    }

    private static SafeTensorInfo ReadTensor(string path, string name, JsonElement value, long dataLength)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw InvalidTensor(path, name, "its entry is not a JSON object");
        }
        JsonElement? dtypeElement = null, shapeElement = null, offsetsElement = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtypeElement is null: dtypeElement = field.Value; break;
                case "shape" when shapeElement is null: shapeElement = field.Value; break;
                case "data_offsets" when offsetsElement is null: offsetsElement = field.Value; break;
                default: throw InvalidTensor(path, name, $"unexpected or repeated field '{field.Name}'");
            }
        }
        var dtype = ReadDType(path, name, dtypeElement ?? throw InvalidTensor(path, name, "field 'dtype' is missing"));
        var shape = ReadIntegers(path, name, "shape", shapeElement ?? throw InvalidTensor(path, name, "field 'shape' is missing"));
        var offsets = ReadIntegers(path, name, "data_offsets", offsetsElement ?? throw InvalidTensor(path, name, "field 'data_offsets' is missing"));
        if (offsets.Length != 2)
        {
            throw InvalidTensor(path, name, $"'data_offsets' has {offsets.Length} entries instead of 2");
        }
        var (begin, end) = (offsets[0], offsets[1]);
        if (begin > end)
        {
            throw InvalidTensor(path, name, $"data_offsets [{begin}, {end}] begin after they end");
        }
        if (end > dataLength)
        {
            throw InvalidTensor(path, name, $"data_offsets [{begin}, {end}] are out of range for a data section of {dataLength} bytes");
        }
        long expectedBytes;
        try
        {
            expectedBytes = checked(shape.Aggregate(1L, (product, dim) => product * dim) * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw InvalidTensor(path, name, $"shape [{string.Join(", ", shape)}] is too large");
        }
        if (expectedBytes != end - begin)
        {
            throw InvalidTensor(path, name,
                $"shape [{string.Join(", ", shape)}] of {dtype} needs {expectedBytes} bytes but data_offsets [{begin}, {end}] hold {end - begin}");
        }
        return new SafeTensorInfo(name, dtype, shape, begin, end);
    }

    private static readonly Dictionary<string, SafeTensorsDType> DTypesByName =
        Enum.GetValues<SafeTensorsDType>().ToDictionary(dtype => dtype.ToString(), StringComparer.Ordinal);

    private static SafeTensorsDType ReadDType(string path, string name, JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text is null || !DTypesByName.TryGetValue(text, out var dtype))
        {
            throw InvalidTensor(path, name, $"unsupported dtype {value.GetRawText()}");
        }
        return dtype;
    }

    private static long[] ReadIntegers(string path, string name, string field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw InvalidTensor(path, name, $"'{field}' is not a JSON array");
        }
        var result = new long[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var number) || number < 0)
            {
                throw InvalidTensor(path, name, $"'{field}' holds {item.GetRawText()}, which is not a non-negative integer");
            }
            result[i++] = number;
        }
        return result;
    }

    /// <summary>The tensors must tile the data section exactly: no overlap, no gap, no trailing bytes.</summary>
    private static void CheckLayout(string path, List<SafeTensorInfo> tensors, long dataLength)
    {
        var byOffset = tensors.OrderBy(t => t.DataBegin).ThenBy(t => t.DataEnd).ToList();
        long position = 0;
        SafeTensorInfo? previous = null;
        foreach (var tensor in byOffset)
        {
            if (tensor.DataBegin < position)
            {
                throw InvalidTensor(path, tensor.Name,
                    $"data_offsets [{tensor.DataBegin}, {tensor.DataEnd}] overlap tensor '{previous!.Name}' [{previous.DataBegin}, {previous.DataEnd}]");
            }
            if (tensor.DataBegin > position)
            {
                throw InvalidTensor(path, tensor.Name,
                    $"data_offsets [{tensor.DataBegin}, {tensor.DataEnd}] leave a gap of {tensor.DataBegin - position} bytes before it");
            }
            position = tensor.DataEnd;
            previous = tensor;
        }
        if (position != dataLength)
        {
            throw Invalid(path, $"the tensors cover {position} bytes but the data section holds {dataLength} bytes");
        }
    }

    private static int FirstInvalidUtf8(byte[] json)
    {
        System.Text.Unicode.Utf8.ToUtf16(json, new char[json.Length], out int read, out _, replaceInvalidSequences: false);
        return read;
    }

    internal static InvalidDataException Invalid(string path, string detail) =>
        new($"Invalid safetensors file '{path}': {detail}.");

    private static InvalidDataException InvalidTensor(string path, string name, string detail) =>
        new($"Invalid safetensors file '{path}': tensor '{name}': {detail}.");
}
