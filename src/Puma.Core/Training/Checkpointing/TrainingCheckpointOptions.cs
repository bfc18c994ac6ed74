namespace Puma.Training;

/// <summary>
/// Periodic checkpoints of the <b>full</b> training state (<see cref="TrainingOptions.Checkpoint"/>): trainable
/// parameters, loss proxies and buffers, AdamW moments and step counts, the position in the run and torch's random
/// generator. A fit with the same options and folder resumes from the newest valid checkpoint and reaches the same
/// final trainable state, bit for bit, as an uninterrupted run (docs/resuming.md).
/// </summary>
/// <remarks>
/// Each checkpoint is written to a temporary file, flushed to disk and renamed, so a crash or a full disk never
/// replaces a good checkpoint by a partial one; a checkpoint whose checksum does not match is skipped with a warning and
/// the previous one is used. Resuming needs <see cref="TrainingOptions.Seed"/>: the batch order is replayed from it.
/// </remarks>
/// <param name="Folder">Where the checkpoints go (created when missing). Use one folder per training run.</param>
public sealed record TrainingCheckpointOptions(string Folder)
{
    /// <summary>Write a checkpoint after every this many epochs (default 1; null: not by epoch).</summary>
    public int? EveryEpochs { get; init; } = 1;

    /// <summary>Write a checkpoint after every this many batches, counted over the whole run (default null: not by step).</summary>
    public int? EverySteps { get; init; }

    /// <summary>How many of the newest checkpoints to keep (default 2, so that a damaged newest one has a fallback).</summary>
    public int Keep { get; init; } = 2;

    /// <summary>
    /// Resume from the newest valid checkpoint in <see cref="Folder"/> when there is one (default true). False starts
    /// afresh and deletes the folder's earlier checkpoints, so that they cannot be mistaken for the new run's.
    /// </summary>
    public bool Resume { get; init; } = true;

    /// <summary>Every problem with these options (empty when valid).</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Folder)) yield return "Checkpoint.Folder must not be empty.";
        if (EveryEpochs is null && EverySteps is null) yield return "Checkpoint needs EveryEpochs or EverySteps (both are null).";
        if (EveryEpochs is int e && e < 1) yield return $"Checkpoint.EveryEpochs must be at least 1 (got {e}).";
        if (EverySteps is int s && s < 1) yield return $"Checkpoint.EverySteps must be at least 1 (got {s}).";
        if (Keep < 1) yield return $"Checkpoint.Keep must be at least 1 (got {Keep}).";
    }
}
