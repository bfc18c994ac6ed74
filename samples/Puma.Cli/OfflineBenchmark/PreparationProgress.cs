namespace Puma.Cli.OfflineBenchmark;

/// <summary>How far the preparation of one stage is: "fetching packages", or a dataset's images rendered so far.</summary>
/// <param name="Stage">"fetching packages" or the dataset's name.</param>
/// <param name="Done">Units done (images rendered; 1 when the packages are there).</param>
/// <param name="Total">Units in all.</param>
/// <param name="Step">What the stage is doing now ("listing classes", "rendering").</param>
internal sealed record PreparationProgress(string Stage, int Done, int Total, string? Step = null);
