using Puma.Backbones.ResNet;
using Puma.Backbones.Vit;
using Puma.Checkpoints;
using Puma.IO;
using TorchSharp;

namespace Puma.Backbones.Hybrid;

/// <summary>Creates, saves and loads hybrid ResNet-18 + ViT encoders.</summary>
public static class HybridEncoder
{
    /// <summary>Format tag of saved hybrid encoders.</summary>
    public const string Format = "puma-hybrid-encoder-v1";

    /// <summary>A hybrid encoder with a freshly initialised transformer (to be pre-trained) on the ResNet-18 ONNX file.</summary>
    public static VisionTransformer Create(string resnetOnnxPath, HybridVitConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Encoder.Validate();
        var cnn = CntkResNet18.FromOnnx(resnetOnnxPath);
        var stem = new HybridPatchEmbed(cnn, config.Stage, config.Encoder.ImageSize, config.Encoder.EmbedDim);
        return new VisionTransformer(config.Encoder, stem);
    }

    /// <summary>
    /// Saves the transformer part (everything except the CNN, which comes from ONNX) as safetensors, atomically; creates
    /// the folder if needed.
    /// </summary>
    public static void Save(VisionTransformer encoder, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var scope = torch.NewDisposeScope();
        var tensors = encoder.named_parameters()
            .Where(p => !p.name.StartsWith(HybridPatchEmbed.CnnPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.name, p => p.parameter.detach().cpu(), StringComparer.Ordinal);
        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>()) { ["format"] = Format };
        SafeTensorsWriter.Write(path, tensors, meta);
    }

    /// <summary>Loads a saved transformer part strictly into <paramref name="encoder"/>.</summary>
    public static void Load(VisionTransformer encoder, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Encoder file not found: {path}", path);
        var header = SafeTensorsReader.ReadHeader(path);
        if (!header.Metadata.TryGetValue("format", out var format) || format != Format)
            throw new InvalidDataException($"{path} is not a Puma hybrid encoder (format '{format ?? "none"}', expected '{Format}').");
        using var scope = torch.NewDisposeScope();
        var values = SafeTensorsReader.Read(path);
        StateDictLoader.LoadStrict(encoder, values, path, name => !name.StartsWith(HybridPatchEmbed.CnnPrefix, StringComparison.Ordinal));
    }
}
