using System.Buffers.Binary;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.IO;

/// <summary>
/// Writes tensors to a safetensors file atomically: the file is written to a temporary file in the same folder,
/// flushed to disk, then moved over the destination. On any failure the destination is left untouched and the
/// temporary file is deleted.
/// </summary>
public static class SafeTensorsWriter
{
    private const int ChunkBytes = 1 << 24;

    /// <summary>
    /// Writes <paramref name="tensors"/> (any device, any layout; they are not modified) and optional string
    /// <paramref name="metadata"/> to <paramref name="path"/>. Keys are written in ordinal name order and the data section
    /// starts 8-byte aligned, so equal inputs give byte-identical files.
    /// </summary>
    /// <param name="path">The destination file; its folder must exist. An existing file is replaced.</param>
    /// <param name="tensors">The tensors by name. Names must be non-empty and must not be <c>__metadata__</c>.</param>
    /// <param name="metadata">Optional <c>__metadata__</c> entries.</param>
    /// <exception cref="ArgumentException">A name is invalid or a tensor's dtype has no safetensors equivalent.</exception>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        Write(path, tensors, metadata, beforeCommit: null);

    /// <summary>As the public overload; <paramref name="beforeCommit"/> runs on the finished temporary file just before
    /// the move, and <paramref name="wrapStream"/> wraps the temporary file's stream, so tests can simulate a failure at
    /// the last moment or in the middle of the write.</summary>
    internal static void Write(
        string path,
        IReadOnlyDictionary<string, Tensor> tensors,
        IReadOnlyDictionary<string, string>? metadata,
        Action<string>? beforeCommit,
        Func<Stream, Stream>? wrapStream = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        SafeTensorsReader.EnsureLittleEndianHost();
        var entries = Describe(tensors);
        CheckMetadata(metadata);
        var header = SafeTensorsHeaderWriter.Serialize(entries, metadata);

        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var stream = wrapStream?.Invoke(file) ?? file;
                Span<byte> prefix = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
                stream.Write(prefix);
                stream.Write(header);
                foreach (var entry in entries)
                {
                    WriteData(stream, tensors[entry.Name]);
                }
                stream.Flush();
                file.Flush(flushToDisk: true);
            }
            beforeCommit?.Invoke(temporary);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Validates names and dtypes and lays the tensors out contiguously in ordinal name order.</summary>
    private static List<SafeTensorInfo> Describe(IReadOnlyDictionary<string, Tensor> tensors)
    {
        var entries = new List<SafeTensorInfo>(tensors.Count);
        long offset = 0;
        foreach (var name in tensors.Keys.OrderBy(name => name, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(name) || name == SafeTensorsHeaderParser.MetadataKey)
            {
                throw new ArgumentException($"Tensor name '{name}' is not allowed in a safetensors file.", nameof(tensors));
            }
            var tensor = tensors[name] ?? throw new ArgumentException($"Tensor '{name}' is null.", nameof(tensors));
            var dtype = SafeTensorsDTypeExtensions.FromScalarType(tensor.dtype)
                ?? throw new ArgumentException($"Tensor '{name}' has dtype {tensor.dtype}, which safetensors cannot store.", nameof(tensors));
            var shape = tensor.shape;
            var bytes = checked(tensor.numel() * dtype.ElementSize());
            entries.Add(new SafeTensorInfo(name, dtype, shape, offset, offset + bytes));
            offset += bytes;
        }
        return entries;
    }

    private static void CheckMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }
        foreach (var (key, value) in metadata)
        {
            if (value is null)
            {
                throw new ArgumentException($"Metadata entry '{key}' is null.", nameof(metadata));
            }
        }
    }

    private static void WriteData(Stream stream, Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        var flat = tensor.detach().cpu().contiguous().view(-1);
        var count = flat.numel();
        if (count == 0)
        {
            return;
        }
        var chunkElements = ChunkBytes / (int)flat.element_size();
        for (long start = 0; start < count; start += chunkElements)
        {
            stream.Write(flat.narrow(0, start, Math.Min(chunkElements, count - start)).bytes);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original exception is what matters.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort, as above.
        }
    }
}
