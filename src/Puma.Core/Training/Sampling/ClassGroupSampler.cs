namespace Puma.Training.Sampling;

/// <summary>
/// Shared engine of the class-based samplers: the classes are split into groups (one group, or one per dataset); each
/// batch takes a fixed number of distinct classes from every group's class cycle and m samples of each class.
/// Class cycles restart at every epoch (so an epoch of enough batches covers every class); the samples of a class are
/// cycled across epochs (every image before any repeat); a class with fewer than m samples is sampled with replacement.
/// </summary>
public abstract class ClassGroupSampler : BatchSampler
{
    private readonly ShuffledCycle[] groups;
    private readonly int[] classesPerBatch;
    private readonly Dictionary<int, ShuffledCycle> members;

    /// <summary>Creates the engine; subclasses validate their options first.</summary>
    /// <param name="labels">Class label per sample.</param>
    /// <param name="groupClasses">The classes of each group (disjoint).</param>
    /// <param name="classesPerBatch">Classes taken from each group per batch.</param>
    /// <param name="samplesPerClass">m, samples per class per batch.</param>
    /// <param name="batchesPerEpoch">Batches per epoch (at least 1).</param>
    /// <param name="seed">Seed (null: nondeterministic).</param>
    private protected ClassGroupSampler(IReadOnlyList<int> labels, IReadOnlyList<int[]> groupClasses, int[] classesPerBatch,
        int samplesPerClass, int batchesPerEpoch, int? seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchesPerEpoch, 1);
        var random = seed is int s ? new Random(s) : new Random();
        SamplesPerClass = samplesPerClass;
        BatchesPerEpoch = batchesPerEpoch;
        this.classesPerBatch = classesPerBatch;
        BatchSize = classesPerBatch.Sum() * samplesPerClass;
        var byClass = Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key);
        members = byClass.ToDictionary(g => g.Key, g => new ShuffledCycle(g, random));
        groups = groupClasses.Select(classes => new ShuffledCycle(classes, random)).ToArray();
    }

    /// <summary>m, the samples of each class in a batch.</summary>
    public int SamplesPerClass { get; }

    /// <inheritdoc />
    public override int BatchSize { get; }

    /// <inheritdoc />
    public override int BatchesPerEpoch { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int[]> NextEpoch()
    {
        foreach (var group in groups) group.Restart();
        var batches = new List<int[]>(BatchesPerEpoch);
        for (int b = 0; b < BatchesPerEpoch; b++)
        {
            var batch = new List<int>(BatchSize);
            for (int g = 0; g < groups.Length; g++)
                foreach (var label in groups[g].Take(classesPerBatch[g]))
                    batch.AddRange(members[label].TakeWithReplacement(SamplesPerClass));
            batches.Add(batch.ToArray());
        }
        return batches;
    }

    /// <summary>The distinct labels of <paramref name="labels"/>, sorted.</summary>
    private protected static int[] DistinctClasses(IReadOnlyList<int> labels) => labels.Distinct().Order().ToArray();

    /// <summary>Checks m ≥ 1, batch ≥ 1 and batch divisible by m (the culprits are named).</summary>
    private protected static void CheckBatchAndM(int batchSize, int samplesPerClass)
    {
        if (samplesPerClass < 1)
            throw new ArgumentOutOfRangeException(nameof(samplesPerClass), samplesPerClass, "Samples per class (m) must be at least 1.");
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
        if (batchSize % samplesPerClass != 0)
            throw new ArgumentException($"Batch size {batchSize} is not a multiple of the samples per class m = {samplesPerClass}.", nameof(batchSize));
    }
}
