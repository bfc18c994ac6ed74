using Puma.IO;
using TorchSharp;

namespace Puma.Cli.Embeddings;

/// <summary>
/// What <c>puma embed</c> writes and <c>puma search</c> reads: an <c>[N, E]</c> float32 matrix of L2-normalised
/// embeddings, as <c>.npy</c> or as <c>.safetensors</c> (one tensor named <c>embeddings</c>), and beside it
/// <c>&lt;name&gt;.paths.txt</c>: the image file of each row, one full path a line, in row order.
/// </summary>
internal sealed record EmbeddingsFile(float[] Values, int Count, int Dim, IReadOnlyList<string> Paths)
{
    public const string TensorName = "embeddings";
    public static readonly string[] Extensions = [".npy", ".safetensors"];

    public static string PathsFile(string path) => Path.ChangeExtension(path, ".paths.txt");

    /// <summary>Throws naming <paramref name="option"/> when <paramref name="path"/> does not end in .npy or .safetensors.</summary>
    public static void CheckExtension(string path, string option)
    {
        if (!Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"{option} must end in .npy or .safetensors (got '{path}').", option);
    }

    public void Write(string path)
    {
        CheckExtension(path, "--out");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (Path.GetExtension(path).Equals(".npy", StringComparison.OrdinalIgnoreCase))
        {
            string temporary = path + ".tmp";
            using (var stream = File.Create(temporary)) NpyWriter.WriteFloat32(stream, Values, Count, Dim);
            File.Move(temporary, path, overwrite: true);
        }
        else
        {
            using var scope = torch.NewDisposeScope();
            var tensor = torch.tensor(Values, [Count, Dim]);
            SafeTensorsWriter.Write(path, new Dictionary<string, torch.Tensor> { [TensorName] = tensor },
                new Dictionary<string, string> { ["format"] = "puma-embeddings-v1" });
        }
        File.WriteAllLines(PathsFile(path), Paths);
    }

    public static EmbeddingsFile Read(string path)
    {
        CheckExtension(path, "--embeddings");
        if (!File.Exists(path)) throw new FileNotFoundException($"--embeddings not found: {path}", path);
        string pathsFile = PathsFile(path);
        if (!File.Exists(pathsFile)) throw new FileNotFoundException($"The image list of {path} is missing: {pathsFile} (written by 'puma embed').", pathsFile);
        using var scope = torch.NewDisposeScope();
        torch.Tensor matrix;
        if (Path.GetExtension(path).Equals(".npy", StringComparison.OrdinalIgnoreCase))
        {
            using var stream = File.OpenRead(path);
            matrix = NpyReader.Read(stream, path);
        }
        else
        {
            var tensors = SafeTensorsReader.Read(path);
            if (!tensors.TryGetValue(TensorName, out var found))
                throw new InvalidDataException($"{path} has no tensor named '{TensorName}' (has: {string.Join(", ", tensors.Keys)}).");
            matrix = found;
        }
        if (matrix.dim() != 2) throw new InvalidDataException($"{path} holds a {matrix.dim()}-d array; expected [images, dim].");
        int count = (int)matrix.shape[0], dim = (int)matrix.shape[1];
        string[] paths = File.ReadAllLines(pathsFile);
        if (paths.Length != count)
            throw new InvalidDataException($"{pathsFile} lists {paths.Length} images but {path} has {count} rows.");
        float[] values = matrix.to(torch.ScalarType.Float32).contiguous().data<float>().ToArray();
        return new EmbeddingsFile(values, count, dim, paths);
    }
}
