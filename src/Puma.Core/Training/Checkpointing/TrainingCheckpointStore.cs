using System.Globalization;
using Microsoft.Extensions.Logging;
using Puma.IO;
using static TorchSharp.torch;

namespace Puma.Training;

/// <summary>
/// The checkpoint files of one run: <c>checkpoint-{batch:D9}.safetensors</c> in the folder, each written atomically
/// (<see cref="SafeTensorsWriter"/>: temporary file, fsync, rename) and carrying a SHA-256 of its data in its metadata.
/// Finds the newest checkpoint that reads back with a matching checksum, skipping damaged ones with a warning.
/// </summary>
internal sealed class TrainingCheckpointStore(string folder, ILogger log)
{
    public const string Format = "puma-training-checkpoint-v1";
    private const string Prefix = "checkpoint-";
    private const string Extension = ".safetensors";

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Writes one checkpoint and deletes the oldest beyond <paramref name="keep"/>; returns its path.</summary>
    /// <exception cref="IOException">The write failed (for example the disk is full); the message names the file.
    /// No earlier checkpoint is changed.</exception>
    public string Write(long globalBatch, IReadOnlyDictionary<string, Tensor> tensors, Dictionary<string, string> metadata, int keep)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{Prefix}{globalBatch.ToString("D9", CultureInfo.InvariantCulture)}{Extension}");
        metadata["format"] = Format;
        metadata["sha256"] = TrainingState.Checksum(tensors);
        try
        {
            SafeTensorsWriter.Write(path, tensors, metadata);
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            throw new IOException($"Cannot write training checkpoint {path}: no space left on the device (disk full). " +
                "The previous checkpoints are intact.", e);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot write training checkpoint {path}: {e.Message} The previous checkpoints are intact.", e);
        }
        foreach (var old in Checkpoints().Skip(keep)) TryDelete(old);
        return path;
    }

    /// <summary>Deletes every checkpoint file and leftover temporary file of the folder.</summary>
    public void DeleteAll()
    {
        if (!Directory.Exists(Folder)) return;
        foreach (var path in Checkpoints().Concat(Directory.GetFiles(Folder, "." + Prefix + "*.tmp"))) TryDelete(path);
    }

    /// <summary>Checkpoint files, newest first.</summary>
    public IReadOnlyList<string> Checkpoints() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, Prefix + "*" + Extension).Order(StringComparer.Ordinal).Reverse().ToList()
            : [];

    /// <summary>
    /// The newest checkpoint whose data matches its checksum, read into CPU tensors (caller-owned), or null when there is
    /// none. Damaged files are skipped with a warning. Leftover temporary files of interrupted writes are deleted.
    /// </summary>
    public (string Path, IReadOnlyDictionary<string, string> Metadata, Dictionary<string, Tensor> Tensors)? ReadNewestValid()
    {
        if (!Directory.Exists(Folder)) return null;
        foreach (var temporary in Directory.GetFiles(Folder, "." + Prefix + "*.tmp")) TryDelete(temporary);
        foreach (var path in Checkpoints())
        {
            if (TryRead(path, out var metadata, out var tensors, out var problem)) return (path, metadata!, tensors!);
            log.LogWarning("Training checkpoint {Path} is damaged ({Problem}); trying the previous one", path, problem);
        }
        return null;
    }

    private static bool TryRead(string path, out IReadOnlyDictionary<string, string>? metadata, out Dictionary<string, Tensor>? tensors,
        out string? problem)
    {
        metadata = null;
        tensors = null;
        try
        {
            var header = SafeTensorsReader.ReadHeader(path);
            if (!header.Metadata.TryGetValue("format", out var format) || format != Format)
                problem = $"format is '{format}', expected '{Format}'";
            else if (!header.Metadata.TryGetValue("sha256", out var expected))
                problem = "no checksum";
            else
            {
                var values = SafeTensorsReader.Read(path, upcastHalfToFloat32: false);
                var actual = TrainingState.Checksum(values);
                if (actual == expected)
                {
                    (metadata, tensors, problem) = (header.Metadata, values, null);
                    return true;
                }
                foreach (var value in values.Values) value.Dispose();
                problem = "checksum mismatch";
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
        }
        return false;
    }

    /// <summary>ENOSPC (28) or EDQUOT (122) on Unix, ERROR_DISK_FULL (112) / ERROR_HANDLE_DISK_FULL (39) on Windows.</summary>
    internal static bool IsDiskFull(IOException e)
    {
        int code = e.HResult & 0xFFFF;
        return OperatingSystem.IsWindows() ? code is 112 or 39 : code is 28 or 122
            || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("quota", StringComparison.OrdinalIgnoreCase);
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("Could not delete {Path}: {Message}", path, e.Message);
        }
    }
}
