using System.IO.Compression;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.IO;

/// <summary>Reads a NumPy <c>.npz</c> archive (a zip of <c>.npy</c> arrays, stored or deflated) into tensors.</summary>
public static class NpzReader
{
    /// <summary>
    /// Reads every array of <paramref name="path"/>; keys are the entry names without <c>.npy</c>. The tensors are
    /// caller-owned (moved out of any dispose scope opened here).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a zip of .npy arrays.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            using var archive = ZipFile.OpenRead(path);
            foreach (var entry in archive.Entries)
            {
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
                    throw new InvalidDataException($"Invalid .npz file '{path}': entry '{entry.FullName}' is not an .npy array.");
                var name = entry.FullName[..^4];
                using var stream = entry.Open();
                result.Add(name, NpyReader.Read(stream, $"{path}:{name}"));
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
        {
            foreach (var t in result.Values) t.Dispose();
            if (e is InvalidDataException && e.Message.Contains(path, StringComparison.Ordinal)) throw;
            throw new InvalidDataException($"Invalid .npz file '{path}': {e.Message}", e);
        }
        return result;
    }
}
