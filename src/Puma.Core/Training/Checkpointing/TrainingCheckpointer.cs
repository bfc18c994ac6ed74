using System.Globalization;
using Microsoft.Extensions.Logging;
using Puma.Losses;
using static TorchSharp.torch;

namespace Puma.Training;

/// <summary>
/// What <see cref="MetricTrainer"/> calls to write checkpoints at the configured points and to resume from the newest
/// valid one (<see cref="TrainingCheckpointOptions"/>).
/// </summary>
internal sealed class TrainingCheckpointer
{
    private readonly TrainingCheckpointOptions options;
    private readonly TrainingCheckpointStore store;
    private readonly TrainingState state;
    private readonly string fingerprint;
    private readonly int batchesPerEpoch;
    private readonly int epochs;
    private readonly ILogger log;
    private Dictionary<string, Tensor>? pendingGenerator;

    public TrainingCheckpointer(TrainingOptions training, IReadOnlyList<ParameterGroup> groups, optim.Optimizer optimizer, MetricLoss loss,
        ITrainingBatchSource train, string samplerDescription, int batchesPerEpoch, ILogger log)
    {
        options = training.Checkpoint ?? throw new ArgumentException("No checkpoint options.", nameof(training));
        store = new TrainingCheckpointStore(options.Folder, log);
        state = new TrainingState(groups, optimizer, loss);
        this.batchesPerEpoch = batchesPerEpoch;
        epochs = training.Epochs;
        this.log = log;
        fingerprint = Fingerprint(training, train, samplerDescription, batchesPerEpoch, state.Layout(groups));
    }

    /// <summary>
    /// Restores parameters, proxies, loss buffers and optimizer state from the newest valid checkpoint and returns its
    /// position, or null when there is none. With resuming off, deletes the folder's checkpoints and returns null. The generator state is kept for <see cref="RestoreGenerator"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The checkpoint comes from a run with other options or another model.</exception>
    public (TrainingPosition Position, string Path)? Resume()
    {
        if (!options.Resume)
        {
            // Starting afresh: older checkpoints in the folder would otherwise be mistaken for this run's.
            foreach (var old in store.Checkpoints()) log.LogWarning("Resume is off: deleting the earlier checkpoint {Path}", old);
            store.DeleteAll();
            return null;
        }
        var found = store.ReadNewestValid();
        if (found is not { } checkpoint) return null;
        var (path, metadata, tensors) = checkpoint;
        try
        {
            var saved = metadata.GetValueOrDefault("fingerprint") ?? "";
            if (saved != fingerprint)
                throw new InvalidOperationException(
                    $"Training checkpoint {path} comes from another run configuration; use another Checkpoint.Folder or the same options. " +
                    $"Differences: {Differences(saved, fingerprint)}");
            var problems = state.Problems(tensors);
            if (problems.Count > 0)
                throw new InvalidOperationException($"Training checkpoint {path} does not fit this model: {string.Join("; ", problems)}");
            state.RestoreModelAndOptimizer(tensors);
            pendingGenerator = new Dictionary<string, Tensor>(tensors.Where(t => t.Key == "rng.torch"));
            foreach (var (key, tensor) in tensors) if (key != "rng.torch") tensor.Dispose();
            var position = ReadPosition(metadata);
            if (position.Epoch >= epochs) RestoreGenerator(); // the run was complete: the generator as it left it
            log.LogInformation("Resuming from {Path}: epoch {Epoch}, {Done} batches done", path, position.Epoch + 1, position.BatchesDone);
            return (position, path);
        }
        catch
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
            throw;
        }
    }

    /// <summary>Puts torch's generator where it was when the resumed checkpoint was written (once).</summary>
    public void RestoreGenerator()
    {
        if (pendingGenerator is null) return;
        TrainingState.RestoreGenerator(pendingGenerator);
        foreach (var tensor in pendingGenerator.Values) tensor.Dispose();
        pendingGenerator = null;
    }

    /// <summary>Called after every batch: writes a checkpoint when the step rule says so.</summary>
    public void AfterBatch(TrainingPosition position)
    {
        bool epochEnd = position.BatchesDone == batchesPerEpoch;
        bool byEpochToo = epochEnd && options.EveryEpochs is int e && (position.Epoch + 1) % e == 0;
        if (options.EverySteps is int s && position.GlobalBatch(batchesPerEpoch) % s == 0 && !byEpochToo) Save(position);
    }

    /// <summary>Called after every epoch with the position at the start of the next one.</summary>
    public void AfterEpoch(TrainingPosition position)
    {
        if (options.EveryEpochs is int e && position.Epoch % e == 0) Save(position);
    }

    private void Save(TrainingPosition position)
    {
        var tensors = state.Capture();
        try
        {
            var metadata = new Dictionary<string, string>
            {
                ["fingerprint"] = fingerprint,
                ["epoch"] = position.Epoch.ToString(CultureInfo.InvariantCulture),
                ["batches_done"] = position.BatchesDone.ToString(CultureInfo.InvariantCulture),
                ["steps"] = position.Steps.ToString(CultureInfo.InvariantCulture),
                ["skipped"] = position.Skipped.ToString(CultureInfo.InvariantCulture),
                ["epoch_losses"] = string.Join(";", position.EpochLosses.Select(TrainingState.Format)),
                ["loss_sum"] = TrainingState.Format(position.LossSum),
                ["loss_count"] = position.LossCount.ToString(CultureInfo.InvariantCulture),
            };
            var path = store.Write(position.GlobalBatch(batchesPerEpoch), tensors, metadata, options.Keep);
            log.LogDebug("Wrote training checkpoint {Path}", path);
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
    }

    private static TrainingPosition ReadPosition(IReadOnlyDictionary<string, string> metadata)
    {
        int Int(string key) => int.Parse(metadata[key], CultureInfo.InvariantCulture);
        var losses = metadata["epoch_losses"];
        return new TrainingPosition(Int("epoch"), Int("batches_done"), Int("steps"), Int("skipped"),
            losses.Length == 0 ? [] : losses.Split(';').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList(),
            double.Parse(metadata["loss_sum"], CultureInfo.InvariantCulture), Int("loss_count"));
    }

    /// <summary>
    /// Everything that decides the trajectory of a run (not the checkpoint, determinism or NaN settings), written with the
    /// invariant culture (the records' own <c>ToString</c> follows the current one).
    /// </summary>
    private static string Fingerprint(TrainingOptions o, ITrainingBatchSource train, string sampler, int batchesPerEpoch, string layout)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return InvariantFingerprint(o, train, sampler, batchesPerEpoch, layout);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static string InvariantFingerprint(TrainingOptions o, ITrainingBatchSource train, string sampler, int batchesPerEpoch, string layout) =>
        string.Join("|", new[]
        {
            $"epochs={o.Epochs}", $"batch={o.BatchSize}", $"lr={TrainingState.Format(o.LearningRate)}", $"wd={TrainingState.Format(o.WeightDecay)}",
            $"module_lr×={TrainingState.Format(o.ModuleLearningRateMultiplier)}", $"proxy_lr×={TrainingState.Format(o.ProxyLearningRateMultiplier)}",
            $"backbone_lr×={TrainingState.Format(o.BackboneLearningRateMultiplier)}", $"selection={o.Selection?.ToString() ?? "none"}",
            $"schedule={o.Schedule}", $"clipping={o.Clipping}", $"seed={o.Seed}", $"drop_last={o.DropLastBatch}", $"sampling={o.Sampling}",
            $"sampler={sampler}", $"batches/epoch={batchesPerEpoch}", $"samples={train.Count}", $"classes={train.NumClasses}", $"layout={layout}",
        });

    private static string Differences(string saved, string current)
    {
        var a = saved.Split('|');
        var b = current.Split('|').ToHashSet();
        var changed = a.Where(x => !b.Contains(x)).Zip(current.Split('|').Where(x => !a.Contains(x)), (x, y) => $"{x} in the checkpoint, {y} now");
        var text = string.Join("; ", changed);
        return text.Length > 0 ? text : "unrecorded";
    }
}
