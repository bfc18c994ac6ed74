namespace Puma.Models;

/// <summary>A description of how a model was composed (for summaries, logs and results files).</summary>
/// <param name="Backbone">The backbone description.</param>
/// <param name="Adapter">The adapter description, or null.</param>
/// <param name="Prompt">The prompt provider description, or null.</param>
/// <param name="Loss">The training loss description.</param>
public sealed record ModelDescription(string Backbone, string? Adapter, string? Prompt, string Loss);
