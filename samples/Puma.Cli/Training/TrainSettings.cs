using System.Text.Json;
using System.Text.Json.Serialization;

namespace Puma.Cli.Training;

/// <summary>
/// What <c>puma train</c> was asked to do; written as <c>train-config.json</c> beside the checkpoint so that
/// <c>puma evaluate</c> rebuilds the same model (same preset, image size, seed — hence the same random backbone — or the
/// same weights file).
/// </summary>
internal sealed record TrainSettings
{
    public const string FileName = "train-config.json";
    public const string CheckpointName = "puma-trainable.safetensors";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    [JsonPropertyName("format")] public string Format { get; init; } = "puma-train-config-v1";
    [JsonPropertyName("benchmark")] public string Benchmark { get; init; } = "";
    [JsonPropertyName("preset")] public string Preset { get; init; } = "vit-s16";
    [JsonPropertyName("weights")] public string? Weights { get; init; }
    [JsonPropertyName("image_size")] public int ImageSize { get; init; } = 224;
    [JsonPropertyName("embedding_dim")] public int EmbeddingDim { get; init; } = 128;
    [JsonPropertyName("adapter_dim")] public int AdapterDim { get; init; } = 128;
    [JsonPropertyName("epochs")] public int Epochs { get; init; } = 10;
    [JsonPropertyName("batch_size")] public int BatchSize { get; init; } = 64;
    [JsonPropertyName("learning_rate")] public double LearningRate { get; init; } = 1e-4;
    [JsonPropertyName("seed")] public int Seed { get; init; }
    [JsonPropertyName("recipe")] public string Recipe { get; init; } = TrainingRecipe.Default;
    /// <summary>Share of each dataset's training classes held out for model selection (0: none, keep the last epoch).</summary>
    [JsonPropertyName("validation_fraction")] public double ValidationFraction { get; init; }
    /// <summary>Epochs between two validations when <see cref="ValidationFraction"/> is positive (the reference's 20).</summary>
    [JsonPropertyName("evaluate_every")] public int EvaluateEvery { get; init; } = 20;
    [JsonIgnore] public int Threads { get; init; } = Environment.ProcessorCount;
    [JsonIgnore] public int Workers { get; init; } = 2;
    [JsonIgnore] public string OutputFolder { get; init; } = "puma-output";
    [JsonIgnore] public bool Baseline { get; init; } = true;
    /// <summary>The root holds the eight PUMA datasets in their official layouts (<c>--puma-root</c>), not image folders.</summary>
    [JsonPropertyName("puma_layout")] public bool PumaLayout { get; init; }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    public static TrainSettings Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Training configuration not found: {path} (written by 'puma train' beside its checkpoint).", path);
        var settings = JsonSerializer.Deserialize<TrainSettings>(File.ReadAllText(path))
                       ?? throw new InvalidDataException($"{path} is empty.");
        if (settings.Format != "puma-train-config-v1") throw new InvalidDataException($"{path} has format '{settings.Format}', expected 'puma-train-config-v1'.");
        return settings;
    }
}
