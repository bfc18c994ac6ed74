using System.Buffers.Binary;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.IO;

/// <summary>
/// Reads safetensors files: an 8-byte little-endian header length, a JSON header, then raw little-endian C-order data.
/// Every header is validated strictly before any data is read; errors throw <see cref="InvalidDataException"/>
/// naming the file and, where there is one, the offending key.
/// </summary>
public static class SafeTensorsReader
{
    /// <summary>The largest JSON header accepted, in bytes (the reference implementation's limit).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const int ChunkBytes = 1 << 24;

    /// <summary>Reads and validates the header only: metadata and each tensor's name, dtype, shape and byte range.</summary>
    /// <param name="path">The .safetensors file.</param>
    /// <exception cref="InvalidDataException">The file is truncated or its header is malformed.</exception>
    public static SafeTensorsHeader ReadHeader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path);
        return ReadHeader(path, stream);
    }

    /// <summary>
    /// Reads every tensor of the file into new CPU tensors. The caller owns (and must dispose) the returned tensors;
    /// they are moved out of any dispose scope opened here.
    /// </summary>
    /// <param name="path">The .safetensors file.</param>
    /// <param name="upcastHalfToFloat32">
    /// When true (the default), F16 and BF16 tensors are converted, exactly, to float32. F32 and F64 tensors and all
    /// integer and boolean tensors keep their type either way.
    /// </param>
    /// <returns>The tensors by name (ordinal comparison).</returns>
    /// <exception cref="InvalidDataException">The file is truncated, its header is malformed or a BOOL byte is not 0 or 1.</exception>
    public static Dictionary<string, Tensor> Read(string path, bool upcastHalfToFloat32 = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        EnsureLittleEndianHost();
        using var stream = OpenRead(path);
        var header = ReadHeader(path, stream);
        using var scope = torch.NewDisposeScope();
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var info in header.Tensors)
        {
            var tensor = ReadData(path, stream, header.DataOffset, info);
            if (upcastHalfToFloat32 && info.DType is SafeTensorsDType.F16 or SafeTensorsDType.BF16)
            {
                tensor = tensor.to_type(ScalarType.Float32);
            }
            result.Add(info.Name, tensor);
        }
        foreach (var tensor in result.Values)
        {
            tensor.MoveToOuterDisposeScope();
        }
        return result;
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    private static SafeTensorsHeader ReadHeader(string path, FileStream stream)
    {
        var fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw SafeTensorsHeaderParser.Invalid(path, $"the file is {fileLength} bytes long, shorter than the 8-byte header length");
        }
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes)
        {
            throw SafeTensorsHeaderParser.Invalid(path, $"the header length {headerLength} exceeds the limit of {MaxHeaderBytes} bytes");
        }
        if ((long)headerLength > fileLength - 8)
        {
            throw SafeTensorsHeaderParser.Invalid(path,
                $"the header length {headerLength} exceeds the {fileLength - 8} bytes that follow it (truncated file?)");
        }
        var json = new byte[headerLength];
        stream.ReadExactly(json);
        return SafeTensorsHeaderParser.Parse(path, json, fileLength - 8 - (long)headerLength);
    }

    private static Tensor ReadData(string path, FileStream stream, long dataOffset, SafeTensorInfo info)
    {
        var tensor = torch.empty(info.Shape.ToArray(), dtype: info.DType.ToScalarType());
        var elementSize = info.DType.ElementSize();
        var count = info.ElementCount;
        if (count == 0)
        {
            return tensor;
        }
        stream.Position = dataOffset + info.DataBegin;
        var flat = tensor.view(-1);
        var chunkElements = ChunkBytes / elementSize;
        var buffer = new byte[Math.Min((long)chunkElements * elementSize, info.ByteCount)];
        for (long start = 0; start < count; start += chunkElements)
        {
            var n = Math.Min(chunkElements, count - start);
            var span = buffer.AsSpan(0, checked((int)(n * elementSize)));
            try
            {
                stream.ReadExactly(span);
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException($"Invalid safetensors file '{path}': tensor '{info.Name}': the file ends inside its data.", e);
            }
            if (info.DType == SafeTensorsDType.BOOL && span.IndexOfAnyExcept((byte)0, (byte)1) is var bad and >= 0)
            {
                throw new InvalidDataException(
                    $"Invalid safetensors file '{path}': tensor '{info.Name}': BOOL element {start + bad} is byte {span[bad]}, not 0 or 1.");
            }
            using var slice = flat.narrow(0, start, n);
            slice.bytes = span;
        }
        return tensor;
    }

    internal static void EnsureLittleEndianHost()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors IO is implemented for little-endian hosts only.");
        }
    }
}
