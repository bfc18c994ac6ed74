using Puma.Cli.Training;
using Puma.Models;

namespace Puma.Cli.Embeddings;

/// <summary>Rebuilds the model of a <c>puma train</c> run (train-config.json) and loads its trainable checkpoint.</summary>
internal static class TrainedModel
{
    public static UniversalMetricModel Load(string checkpoint, string? configPath)
    {
        if (!File.Exists(checkpoint)) throw new FileNotFoundException($"--checkpoint not found: {checkpoint}", checkpoint);
        var settings = TrainSettings.Read(configPath ?? Path.Combine(Path.GetDirectoryName(checkpoint)!, TrainSettings.FileName));
        var model = ImageModelFactory.Build(settings);
        try
        {
            model.LoadTrainable(checkpoint);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
