using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Puma.Features;
using Puma.Hooks;
using Puma.Losses;
using Puma.Evaluation;
using Puma.Training.Sampling;
using Puma.Training.Selection;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Training;

/// <summary>
/// Trains an <see cref="ITrainableEmbedder"/> with a proxy-based <see cref="MetricLoss"/> on batches of an
/// <see cref="ITrainingBatchSource"/> (cached features or images streamed through the stem): AdamW with
/// one parameter group per model part plus one for the proxies, a learning-rate schedule, gradient clipping, batches
/// from <see cref="TrainingOptions.Sampling"/> (uniform, m-per-class or dataset-balanced), progress reports, logging and
/// cancellation. Non-finite losses skip the step (counted). With a validation set, <see cref="TrainingOptions.Selection"/>
/// keeps the best validated state (<see cref="ModelSelection"/>). Modules of the model that implement
/// <see cref="IComponentUsageSource"/> are reset at the start of every epoch and their usage is logged at its end.
/// </summary>
public sealed class MetricTrainer(ILogger? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger.Instance;

    /// <summary>Runs the training loop on cached features; returns when all epochs are done.</summary>
    public TrainingReport Fit(ITrainableEmbedder embedder, MetricLoss loss, FeatureDataset train, TrainingOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default,
        Func<CancellationToken, RetrievalReport>? validate = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(loss);
        return Fit(embedder, loss, new FeatureBatchSource(train, loss.Proxies.device), options, progress, cancellationToken, validate);
    }

    /// <summary>
    /// Runs the training loop on batches from <paramref name="train"/>; returns when all epochs are done. When
    /// <paramref name="validate"/> is given (it evaluates the model, which the trainer has put in eval mode, on a validation
    /// set), the fit ends with the best validated state (<see cref="TrainingOptions.Selection"/>, by default
    /// <see cref="ModelSelection.Reference"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, a loss that does not fit the data or model, or a
    /// <see cref="TrainingOptions.Selection"/> without <paramref name="validate"/>.</exception>
    public TrainingReport Fit(ITrainableEmbedder embedder, MetricLoss loss, ITrainingBatchSource train, TrainingOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default,
        Func<CancellationToken, RetrievalReport>? validate = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Selection is not null && validate is null)
            throw new ArgumentException("TrainingOptions.Selection is set but no validation set was given to the fit.", nameof(options));
        using var determinism = options.Deterministic ? Determinism.Enforce() : null;
        if (loss.NumClasses < train.NumClasses)
            throw new ArgumentException($"The loss has {loss.NumClasses} proxies but the training set declares {train.NumClasses} classes.", nameof(loss));
        if (loss.EmbeddingDim != embedder.EmbeddingDim)
            throw new ArgumentException($"The loss expects {loss.EmbeddingDim}-d embeddings; the model produces {embedder.EmbeddingDim}-d.", nameof(loss));
        var sampler = options.Sampling.Create(train, options);
        int batch = sampler.BatchSize;
        int stepsPerEpoch = sampler.BatchesPerEpoch;
        var usageSources = UsageSources(embedder.Module);

        var groups = embedder.ParameterGroups(options).Append(new ParameterGroup("proxies", [loss.Proxies], options.ProxyLearningRateMultiplier)).ToList();
        var trainable = groups.SelectMany(g => g.Parameters).ToList();
        using var optimizer = CreateOptimizer(groups, options);
        using var selection = validate is null ? null : new SelectionTracker(options.Selection ?? ModelSelection.Reference, validate,
            trainable.Cast<Tensor>().Concat(loss.buffers()).ToList(), [embedder.Module, loss], log);
        if (options.Seed is int s) torch.manual_seed(s);

        log.LogInformation("Training {Groups} on {Samples} samples, {Steps} steps/epoch × {Epochs} epochs, batch {Batch}, {Sampler} sampling",
            string.Join(", ", groups.Select(g => $"{g.Name} ({g.Parameters.Sum(p => p.numel())} × lr{g.LearningRateMultiplier:g})")),
            train.Count, stepsPerEpoch, options.Epochs, batch, sampler.Description);
        string? resumedFrom = null;
        IReadOnlyList<ComponentUsageSnapshot> usage = [];
        var clock = Stopwatch.StartNew();
        var epochLosses = new List<double>();
        int steps = 0, skipped = 0;
        int? selectedEpoch = null;
        embedder.Module.train();
        loss.train();
        try
        {
            // TrainingOptions.Checkpoint: restore the newest valid checkpoint, replay the seeded batch order up to it.
            var checkpointer = options.Checkpoint is null ? null
                : new TrainingCheckpointer(options, groups, optimizer, loss, train, sampler.Description, stepsPerEpoch, log);
            var resumed = checkpointer?.Resume();
            var start = resumed?.Position ?? new TrainingPosition(0, 0, 0, 0, [], 0, 0);
            (resumedFrom, steps, skipped) = (resumed?.Path, start.Steps, start.Skipped);
            if (resumed is not null && selection is not null && start.Epoch > 0)
                log.LogWarning("Resumed at epoch {Epoch} with model selection: validations before the interruption are not in the checkpoint, so the best state is chosen among the validations from epoch {Epoch} on",
                    start.Epoch, start.Epoch + 1);
            epochLosses.AddRange(start.EpochLosses);
            for (int done = 0; done < start.Epoch; done++) sampler.NextEpoch();
            for (int epoch = start.Epoch; epoch < options.Epochs; epoch++)
            {
                var indexBatches = sampler.NextEpoch();
                foreach (var source in usageSources) source.ResetUsage();
                bool resuming = resumed is not null && epoch == start.Epoch;
                int trained = resuming ? start.BatchesDone : 0; // batches of this epoch the checkpoint already holds
                double sum = resuming ? start.LossSum : 0;
                int counted = resuming ? start.LossCount : 0, step = 0;
                if (trained == 0) checkpointer?.RestoreGenerator();
                foreach (var data in train.Batches(epoch, indexBatches, cancellationToken))
                {
                    using var batchData = data;
                    cancellationToken.ThrowIfCancellationRequested();
                    if (step < trained)
                    {
                        // Batches are produced in full (same augmentation streams), trained batches are passed over.
                        if (++step == trained) checkpointer?.RestoreGenerator();
                        continue;
                    }
                    double factor = options.Schedule.Factor(epoch, (epoch + (double)step / stepsPerEpoch) / options.Epochs);
                    foreach (var (group, spec) in optimizer.ParamGroups.Zip(groups))
                        group.LearningRate = options.LearningRate * spec.LearningRateMultiplier * factor;
                    double value = Step(embedder, loss, batchData, optimizer, trainable, options.Clipping);
                    if (double.IsFinite(value)) { sum += value; counted++; steps++; }
                    else
                    {
                        if (options.NonFiniteLoss == NonFiniteLossPolicy.Stop) throw new NonFiniteLossException(epoch + 1, step + 1, value);
                        skipped++;
                        log.LogWarning("Epoch {Epoch} step {Step}: loss is {Loss}; step skipped", epoch + 1, step + 1, value);
                    }
                    progress?.Report(new TrainingProgress(epoch + 1, options.Epochs, step + 1, stepsPerEpoch, value, options.LearningRate * factor));
                    step++;
                    checkpointer?.AfterBatch(new TrainingPosition(epoch, step, steps, skipped, epochLosses, sum, counted));
                }
                double mean = counted > 0 ? sum / counted : double.NaN;
                epochLosses.Add(mean);
                checkpointer?.AfterEpoch(new TrainingPosition(epoch + 1, 0, steps, skipped, epochLosses, 0, 0));
                log.LogInformation("Epoch {Epoch}/{Epochs}: mean loss {Loss:F4} ({Seconds:F1}s)", epoch + 1, options.Epochs, mean, clock.Elapsed.TotalSeconds);
                usage = usageSources.Select(source => source.UsageSnapshot()).ToList();
                foreach (var snapshot in usage) log.LogInformation("Epoch {Epoch}/{Epochs}: {Usage}", epoch + 1, options.Epochs, snapshot);
                selection?.AfterEpoch(epoch, options.Epochs, cancellationToken);
            }
            selectedEpoch = selection?.RestoreBest(options.Epochs);
        }
        finally
        {
            embedder.Module.eval();
            loss.eval();
        }
        return new TrainingReport(epochLosses, steps, skipped, clock.Elapsed.TotalSeconds)
        {
            ComponentUsage = usage,
            Validations = selection?.Results ?? [],
            SelectedEpoch = selectedEpoch,
            ResumedFrom = resumedFrom,
        };
    }

    /// <summary>The module and its descendants that keep component usage statistics.</summary>
    private static List<IComponentUsageSource> UsageSources(nn.Module module) =>
        new[] { module }.Concat(module.named_modules().Select(m => m.module)).OfType<IComponentUsageSource>().Distinct().ToList();

    private static double Step(ITrainableEmbedder embedder, MetricLoss loss, TrainingBatch batch, optim.Optimizer optimizer,
        List<Parameter> trainable, GradientClipping clipping)
    {
        using var scope = torch.NewDisposeScope();
        var buffers = new LossBufferSnapshot(loss); // a non-finite step puts them back
        var embeddings = embedder.EmbedFeatures(batch.Inputs);
        var objective = loss.forward(embeddings, batch.Labels);
        var regularization = embedder.RegularizationLoss();
        if (regularization is not null) objective = objective + regularization;
        double value = objective.item<float>();
        if (!double.IsFinite(value))
        {
            buffers.Restore();
            return value;
        }
        optimizer.zero_grad();
        objective.backward();
        switch (clipping)
        {
            case GradientClipping.ValueClipping v: nn.utils.clip_grad_value_(trainable, v.Limit); break;
            case GradientClipping.NormClipping n: nn.utils.clip_grad_norm_(trainable, n.MaxNorm); break;
        }
        optimizer.step();
        return value;
    }

    private static optim.Optimizer CreateOptimizer(List<ParameterGroup> groups, TrainingOptions options)
    {
        var paramGroups = groups.Select(g => new AdamW.ParamGroup(g.Parameters,
            new AdamW.Options { LearningRate = options.LearningRate * g.LearningRateMultiplier, weight_decay = options.WeightDecay })).ToList();
        return torch.optim.AdamW(paramGroups, lr: options.LearningRate, weight_decay: options.WeightDecay);
    }
}
