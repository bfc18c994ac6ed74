using Puma.Checkpoints;
using Puma.IO;
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
        };
        SafeTensorsWriter.Write(path, tensors, metadata);
    }

    /// <summary>
    /// Loads trainable state saved by <see cref="SaveTrainable"/> strictly: every trainable parameter must be present
    /// with its shape, no unknown key may appear (each culprit is named). Proxies, when present, recreate the loss with
    /// the model's loss spec; that loss's buffers must then be present too.
    /// </summary>
    public void LoadTrainable(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Trainable-state file not found: {path}", path);
        var header = SafeTensorsReader.ReadHeader(path);
        if (header.Metadata.TryGetValue("format", out var format) && format != TrainableFormat)
            throw new InvalidDataException($"{path} has format '{format}', expected '{TrainableFormat}'.");
        var proxyInfo = header.Tensors.FirstOrDefault(t => t.Name == LossPrefix + "proxies");
        if (proxyInfo is not null && (proxyInfo.Shape.Count != 2 || proxyInfo.Shape[1] != EmbeddingDim))
            throw new InvalidDataException($"'{LossPrefix}proxies' in {path} has shape [{string.Join(",", proxyInfo.Shape)}]; expected [C, {EmbeddingDim}].");
        // Modules must be created outside dispose scopes (their parameters would be disposed with the scope).
        var restored = proxyInfo is null ? null : LossSpec.Create((int)proxyInfo.Shape[0], EmbeddingDim);
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
            StateDictLoader.LoadStrict(targets, values, path);
        }
        catch
        {
            restored?.Dispose();
            throw;
        }
        if (restored is not null) ReplaceLoss(restored);
    }
}
