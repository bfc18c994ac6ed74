using System.CommandLine;
using Puma.Adapters;
using Puma.Backbones;
using Puma.Models;
using Puma.Prompts;

namespace Puma.Cli.Commands;

/// <summary><c>puma summary</c>: builds a model with the default PUMA options and prints its parameter counts.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset")
        {
            Description = "Backbone architecture: " + string.Join(", ", Presets.Vit.Keys),
            DefaultValueFactory = _ => "vit-s16",
        };
        var command = new Command("summary", "Print the trainable and frozen parameter counts of a default PUMA model.") { preset };
        command.SetAction(result => Run(result.GetValue(preset)!));
        return command;
    }

    private static int Run(string presetName)
    {
        if (!Presets.Vit.TryGetValue(presetName, out var config))
        {
            Console.Error.WriteLine($"Unknown preset '{presetName}'. Known: {string.Join(", ", Presets.Vit.Keys)}.");
            return 2;
        }
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(config))
            .WithStochasticAdapters()
            .WithPromptPool()
            .WithEmbeddingDim(128)
            .Build();
        Console.WriteLine($"backbone: {model.Description.Backbone}");
        Console.WriteLine($"adapter: {model.Description.Adapter}");
        Console.WriteLine($"prompt: {model.Description.Prompt}");
        foreach (var (component, count) in model.TrainableParameterCountByComponent().OrderBy(p => p.Key))
            Console.WriteLine($"trainable.{component}: {count}");
        Console.WriteLine($"frozen_parameters: {model.FrozenParameterCount}");
        Console.WriteLine($"trainable_parameters: {model.TrainableParameterCount}");
        return 0;
    }
}
