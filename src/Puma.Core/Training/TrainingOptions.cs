using Puma.Training.Sampling;
using Puma.Training.Selection;

namespace Puma.Training;

/// <summary>
/// Options of a training run. Defaults follow the PUMA reference recipe where it applies to a single process:
/// AdamW, base rate 1e-4, weight decay 1e-4, adapters/prompts/head at ×10 the base rate, gradients clamped to ±1.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per step (default 64). The reference uses 180 over 4 GPUs.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Base learning rate (default 1e-4).</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>AdamW weight decay for every group (default 1e-4).</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Rate multiplier of the trainable model parts — adapters, prompts, head (default 10, the reference's).</summary>
    public double ModuleLearningRateMultiplier { get; init; } = 10;

    /// <summary>
    /// Rate multiplier of a fine-tuned backbone (<c>WithFullFineTuning</c>; default 1: the base rate, as the reference's
    /// fully fine-tuned dataset-specific baselines use).
    /// </summary>
    public double BackboneLearningRateMultiplier { get; init; } = 1;

    /// <summary>
    /// Rate multiplier of the loss proxies. Default 100 (the Proxy-Anchor paper's choice); the PUMA reference uses 1e4
    /// (<see cref="PumaReference"/>), which with AdamW moves every proxy by about 1 per step.
    /// </summary>
    public double ProxyLearningRateMultiplier { get; init; } = 100;

    /// <summary>Learning-rate schedule (default constant).</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Gradient clipping (default: clamp each element to ±1, the reference's rule).</summary>
    public GradientClipping Clipping { get; init; } = GradientClipping.ByValue(1.0);

    /// <summary>Seed of the batch order and of stochastic layers (null: nondeterministic).</summary>
    public int? Seed { get; init; } = 0;

    /// <summary>
    /// Run the whole fit under <see cref="Determinism.Enforce"/> (default false): one intra-op thread, so that the same
    /// <see cref="Seed"/> gives bit-identical trainable state on any machine with the same CPU kind and LibTorch build,
    /// whatever its core count. Slower on multi-core machines. Requires a <see cref="Seed"/>.
    /// Without it, runs with the same seed are bit-identical on the same machine and thread count (docs/determinism.md).
    /// </summary>
    public bool Deterministic { get; init; }

    /// <summary>
    /// Periodic checkpoints of the full training state and resuming from them (default null: none). Needs a
    /// <see cref="Seed"/>. See <see cref="TrainingCheckpointOptions"/> and docs/resuming.md.
    /// </summary>
    public TrainingCheckpointOptions? Checkpoint { get; init; }

    /// <summary>What to do when a step's loss is NaN or ±∞ (default <see cref="NonFiniteLossPolicy.SkipStep"/>).</summary>
    public NonFiniteLossPolicy NonFiniteLoss { get; init; } = NonFiniteLossPolicy.SkipStep;

    /// <summary>Drop the last incomplete batch of each epoch (default true).</summary>
    public bool DropLastBatch { get; init; } = true;

    /// <summary>
    /// How batches are formed (default <see cref="BatchSampling.Uniform"/>): uniform, m-per-class
    /// (<see cref="BatchSampling.MPerClass"/>) or dataset-balanced (<see cref="BatchSampling.DatasetBalanced"/>).
    /// <see cref="DropLastBatch"/> applies to uniform sampling only.
    /// </summary>
    public BatchSampling Sampling { get; init; } = BatchSampling.Uniform;

    /// <summary>
    /// Model selection on the validation set passed to the fit (default null: keep the last epoch's state). Giving a
    /// validation set without a selection uses <see cref="ModelSelection.Reference"/>; a selection without a validation
    /// set is refused by the fit.
    /// </summary>
    public ModelSelection? Selection { get; init; }

    /// <summary>The reference recipe: 100 epochs, batch 180, step decay ×0.5 every 20 epochs, proxies at ×1e4.</summary>
    public static TrainingOptions PumaReference { get; } = new()
    {
        Epochs = 100,
        BatchSize = 180,
        ProxyLearningRateMultiplier = 1e4,
        Schedule = LearningRateSchedule.Step(20, 0.5),
    };

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid option.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Epochs <= 0) errors.Add($"Epochs must be positive (got {Epochs}).");
        if (BatchSize < 2) errors.Add($"BatchSize must be at least 2 (got {BatchSize}).");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) errors.Add($"LearningRate must be positive and finite (got {LearningRate}).");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay)) errors.Add($"WeightDecay must be non-negative and finite (got {WeightDecay}).");
        if (!(ModuleLearningRateMultiplier > 0)) errors.Add($"ModuleLearningRateMultiplier must be positive (got {ModuleLearningRateMultiplier}).");
        if (!(BackboneLearningRateMultiplier > 0)) errors.Add($"BackboneLearningRateMultiplier must be positive (got {BackboneLearningRateMultiplier}).");
        if (!(ProxyLearningRateMultiplier > 0)) errors.Add($"ProxyLearningRateMultiplier must be positive (got {ProxyLearningRateMultiplier}).");
        if (Schedule is null) errors.Add("Schedule must not be null.");
        else errors.AddRange(Schedule.Validate());
        if (Deterministic && Seed is null) errors.Add("Deterministic needs a Seed: without one, runs differ by construction.");
        if (Checkpoint is not null) errors.AddRange(Checkpoint.Validate());
        if (Checkpoint is not null && Seed is null) errors.Add("Checkpoint needs a Seed: resuming replays the seeded batch order.");
        if (!Enum.IsDefined(NonFiniteLoss)) errors.Add($"NonFiniteLoss must be SkipStep or Stop (got {(int)NonFiniteLoss}).");
        if (Clipping is null) errors.Add("Clipping must not be null.");
        else errors.AddRange(Clipping.Validate());
        if (Sampling is null) errors.Add("Sampling must not be null.");
        else errors.AddRange(Sampling.Validate(BatchSize));
        if (Selection is not null) errors.AddRange(Selection.Validate());
        if (errors.Count > 0)
            throw new ArgumentException("Invalid training options:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
    }
}
