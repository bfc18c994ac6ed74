using Puma.Features;

namespace Puma.Training.Sampling;

/// <summary>
/// How <see cref="MetricTrainer"/> forms batches (<see cref="TrainingOptions.Sampling"/>). Subclass it to plug in your
/// own <see cref="BatchSampler"/>.
/// </summary>
public abstract record BatchSampling
{
    /// <summary>Uniform shuffled batches over all samples (the default; large datasets dominate).</summary>
    public static BatchSampling Uniform { get; } = new UniformSampling();

    /// <summary>m-per-class batches: <c>batch / m</c> distinct classes × m samples (see <see cref="MPerClassBatchSampler"/>).</summary>
    /// <param name="samplesPerClass">m (default 2).</param>
    /// <param name="batchesPerEpoch">Batches per epoch (null: ⌊N / batch⌋).</param>
    public static BatchSampling MPerClass(int samplesPerClass = 2, int? batchesPerEpoch = null) => new MPerClassSampling(samplesPerClass, batchesPerEpoch);

    /// <summary>Dataset-balanced m-per-class batches: an equal share per dataset (see <see cref="DatasetBalancedBatchSampler"/>).</summary>
    /// <param name="samplesPerClass">m (default 2).</param>
    /// <param name="batchesPerEpoch">Batches per epoch (null: ⌊N / batch⌋).</param>
    public static BatchSampling DatasetBalanced(int samplesPerClass = 2, int? batchesPerEpoch = null) => new DatasetBalancedSampling(samplesPerClass, batchesPerEpoch);

    /// <summary>Creates the sampler for a training set (called once per training run of <see cref="MetricTrainer"/>).</summary>
    /// <param name="train">The training set (labels and dataset indices).</param>
    /// <param name="options">The training options (batch size, last-batch rule, seed).</param>
    public abstract BatchSampler Create(ITrainingBatchSource train, TrainingOptions options);

    /// <summary>Every problem with these options for a batch of <paramref name="batchSize"/> items (empty when valid).</summary>
    public virtual IEnumerable<string> Validate(int batchSize) => [];

    private sealed record UniformSampling : BatchSampling
    {
        public override BatchSampler Create(ITrainingBatchSource train, TrainingOptions options) =>
            new UniformBatchSampler(train.Count, Math.Min(options.BatchSize, train.Count), options.DropLastBatch, options.Seed);
    }

    private abstract record ClassSampling(int SamplesPerClass, int? BatchesPerEpoch) : BatchSampling
    {
        public override IEnumerable<string> Validate(int batchSize)
        {
            if (SamplesPerClass < 1) yield return $"Samples per class (m) must be at least 1 (got {SamplesPerClass}).";
            else if (batchSize % SamplesPerClass != 0) yield return $"BatchSize {batchSize} must be a multiple of the samples per class m = {SamplesPerClass}.";
            if (BatchesPerEpoch is int b && b < 1) yield return $"Batches per epoch must be at least 1 (got {b}).";
        }
    }

    private sealed record MPerClassSampling(int SamplesPerClass, int? BatchesPerEpoch) : ClassSampling(SamplesPerClass, BatchesPerEpoch)
    {
        public override BatchSampler Create(ITrainingBatchSource train, TrainingOptions options) =>
            new MPerClassBatchSampler(train.Labels, options.BatchSize, SamplesPerClass, BatchesPerEpoch, options.Seed);
    }

    private sealed record DatasetBalancedSampling(int SamplesPerClass, int? BatchesPerEpoch) : ClassSampling(SamplesPerClass, BatchesPerEpoch)
    {
        public override BatchSampler Create(ITrainingBatchSource train, TrainingOptions options) =>
            new DatasetBalancedBatchSampler(train.Labels, train.DatasetIndices, options.BatchSize, SamplesPerClass, BatchesPerEpoch, options.Seed, train.DatasetNames);
    }
}
