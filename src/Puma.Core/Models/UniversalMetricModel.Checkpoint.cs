using Puma.Checkpoints;
using Puma.IO;
using Puma.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Models;

public sealed partial class UniversalMetricModel
{
    /// <summary>Format tag stored in the metadata of trainable-state files.</summary>
    public const string TrainableFormat = "puma-trainable-v1";

    /// <summary>
    /// Saves only the trainable state — adapters, prompts, head and, when a loss exists, its proxies
    /// (<c>loss.proxies</c>) and its buffers (for example CurricularFace's running positive cosine, <c>loss.pos_sim</c>) —
    /// as safetensors, written to a temporary file and renamed. The frozen backbone is not saved.
    /// </summary>
    public void SaveTrainable(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var scope = torch.NewDisposeScope();
        var tensors = TrainableParameters().ToDictionary(p => p.Name, p => p.Parameter.detach().cpu(), StringComparer.Ordinal);
        if (loss is not null)
        {
            tensors[LossPrefix + "proxies"] = loss.Proxies.detach().cpu();
            foreach (var (name, buffer) in loss.named_buffers()) tensors[LossPrefix + name] = buffer.detach().cpu();
        }
        var metadata = new Dictionary<string, string>
        {
            ["format"] = TrainableFormat,
            ["backbone"] = Description.Backbone,
            ["adapter"] = Description.Adapter ?? "none",
            ["prompt"] = Description.Prompt ?? "none",
            ["loss"] = Description.Loss,
            ["embedding_dim"] = EmbeddingDim.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["input_shape"] = InputShapeTag,
            ["input_normalization"] = NormalizationTag,
            ["backbone_trained"] = IsBackboneTrained ? "true" : "false",
        };
        SafeTensorsWriter.Write(path, tensors, metadata);
    }

    /// <summary>
    /// Loads trainable state saved by <see cref="SaveTrainable"/> strictly: every trainable parameter must be present
    /// with its shape and finite values, no unknown key may appear (each culprit is named), and a file that records its
    /// configuration must come from the same adapter, prompt and embedding configuration, input shape and input
    /// normalisation (settings such as an adapter's scale, or the mean and std the images are scaled with, change the
    /// embeddings without changing any tensor shape). Proxies, when present, recreate the loss with the model's loss
    /// spec; that loss's buffers must then be present too. Nothing is changed when the file is refused.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is corrupt, of another format or configuration, misses or adds a
    /// key, has a mis-shaped tensor or holds NaN/∞; the message names the file and every culprit.</exception>
    public void LoadTrainable(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Trainable-state file not found: {path}", path);
        var header = SafeTensorsReader.ReadHeader(path);
        if (header.Metadata.TryGetValue("format", out var format) && format != TrainableFormat)
            throw new InvalidDataException($"{path} has format '{format}', expected '{TrainableFormat}'.");
        var problems = ConfigurationProblems(header.Metadata);
        var proxyInfo = header.Tensors.FirstOrDefault(t => t.Name == LossPrefix + "proxies");
        bool proxiesFit = proxyInfo is { Shape: [>= 1 and <= int.MaxValue, var width] } && width == EmbeddingDim;
        if (proxyInfo is not null && !proxiesFit)
            problems.Add($"'{LossPrefix}proxies' has shape [{string.Join(",", proxyInfo.Shape)}]; expected [C, {EmbeddingDim}] with C ≥ 1");
        // Modules must be created outside dispose scopes (their parameters would be disposed with the scope).
        var restored = proxiesFit ? LossSpec.Create((int)proxyInfo!.Shape[0], EmbeddingDim) : null;
        try
        {
            using var scope = torch.NewDisposeScope();
            var values = SafeTensorsReader.Read(path);
            var targets = TrainableParameters().ToDictionary(p => p.Name, p => (Tensor)p.Parameter, StringComparer.Ordinal);
            if (restored is not null)
            {
                targets[LossPrefix + "proxies"] = restored.Proxies;
                foreach (var (name, buffer) in restored.named_buffers()) targets[LossPrefix + name] = buffer;
            }
            problems.AddRange(StateDictLoader.Problems(targets, values));
            StateDictLoader.ThrowIfAny(path, problems);
            StateDictLoader.Copy(targets, values);
        }
        catch
        {
            restored?.Dispose();
            throw;
        }
        if (restored is not null) ReplaceLoss(restored);
    }

    /// <summary>The stem's input shape as stored in checkpoints: <c>C×H×W</c>.</summary>
    private string InputShapeTag => string.Join("x", backbone.Stem.ImageShape);

    /// <summary>
    /// The stem's input normalisation as stored in checkpoints (<c>mean=r,g,b;std=r,g,b</c>, round-trip precision, or
    /// <c>none</c>): an adapter trained on one normalisation gives other embeddings under another, so a checkpoint records it.
    /// </summary>
    private string NormalizationTag => backbone.Stem.InputNormalization is { } n
        ? $"mean={Join(n.Mean)};std={Join(n.Std)}"
        : "none";

    private static string Join(IReadOnlyList<double> values) =>
        string.Join(",", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Where <see cref="SaveTrainable"/>'s recorded configuration differs from this model's (when recorded).</summary>
    private List<string> ConfigurationProblems(IReadOnlyDictionary<string, string> metadata)
    {
        var expected = new (string Key, string Value)[]
        {
            ("adapter", Description.Adapter ?? "none"),
            ("prompt", Description.Prompt ?? "none"),
            ("embedding_dim", EmbeddingDim.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("input_shape", InputShapeTag),
            ("input_normalization", NormalizationTag),
            ("backbone_trained", IsBackboneTrained ? "true" : "false"),
        };
        return expected
            .Where(e => metadata.TryGetValue(e.Key, out var stored) && stored != e.Value)
            .Select(e => $"saved from another configuration: {e.Key} is '{metadata[e.Key]}' in the file, '{e.Value}' in the model")
            .ToList();
    }
}
