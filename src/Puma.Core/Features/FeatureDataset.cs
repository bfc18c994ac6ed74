using Puma.Tensors;
using Puma.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Features;

/// <summary>
/// Cached stem features of a labelled image collection (one or several datasets): the frozen, expensive part of the
/// encoder computed once per image. Owns its feature tensor.
/// </summary>
public sealed class FeatureDataset : IDisposable
{
    /// <summary>
    /// Creates the dataset; takes ownership of <paramref name="features"/> (<c>[N, ...]</c>, CPU float) once every check
    /// has passed (on failure the caller still owns it).
    /// </summary>
    /// <exception cref="ArgumentException">Mismatched lengths, an empty set, non-floating features, or a sample whose
    /// features hold NaN or ±∞ (the message names the sample index).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label or dataset index is out of range (named with its sample index).</exception>
    /// <param name="features">Per-sample features.</param>
    /// <param name="labels">Global (dataset-qualified) labels in [0, <paramref name="numClasses"/>).</param>
    /// <param name="datasetIndices">Per-sample dataset index into <paramref name="datasetNames"/>.</param>
    /// <param name="datasetNames">Dataset names.</param>
    /// <param name="numClasses">Declared number of classes (labels are checked against it).</param>
    public FeatureDataset(Tensor features, int[] labels, int[] datasetIndices, IReadOnlyList<string> datasetNames, int numClasses)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(datasetIndices);
        ArgumentNullException.ThrowIfNull(datasetNames);
        if (features.dim() < 1 || !features.is_floating_point())
            throw new ArgumentException(
                $"Features must be a floating-point [N, ...] tensor; got shape [{string.Join(", ", features.shape)}] of {features.dtype}.", nameof(features));
        if (features.shape[0] != labels.Length)
            throw new ArgumentException($"{features.shape[0]} feature rows but {labels.Length} labels.", nameof(labels));
        if (datasetIndices.Length != labels.Length)
            throw new ArgumentException($"{datasetIndices.Length} dataset indices but {labels.Length} labels.", nameof(datasetIndices));
        if (labels.Length == 0) throw new ArgumentException("The dataset is empty.", nameof(labels));
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= numClasses)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label {labels[i]} of sample {i} is outside [0, {numClasses}).");
            if (datasetIndices[i] < 0 || datasetIndices[i] >= datasetNames.Count)
                throw new ArgumentOutOfRangeException(nameof(datasetIndices), datasetIndices[i], $"Dataset index {datasetIndices[i]} of sample {i} is outside [0, {datasetNames.Count}).");
        }
        if (NonFiniteValues.FirstBadRow(features) is long bad)
            throw new ArgumentException($"The features of sample {bad} hold NaN or ±∞ (label {labels[bad]}); every feature must be finite.", nameof(features));
        Features = features;
        Labels = labels;
        DatasetIndices = datasetIndices;
        DatasetNames = datasetNames;
        NumClasses = numClasses;
    }

    /// <summary>Features <c>[N, ...]</c>.</summary>
    public Tensor Features { get; }

    /// <summary>Global labels.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Per-sample dataset index.</summary>
    public IReadOnlyList<int> DatasetIndices { get; }

    /// <summary>Dataset names.</summary>
    public IReadOnlyList<string> DatasetNames { get; }

    /// <summary>Declared number of classes.</summary>
    public int NumClasses { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Count;

    /// <summary>
    /// Splits every dataset's classes (the distinct labels of its samples) into a training part and a class-disjoint
    /// validation part (<see cref="ClassHoldout"/>: ⌈<paramref name="fraction"/> × C⌉ classes per dataset, chosen from the
    /// labels written as invariant integers), for model selection that never looks at the test split. Both parts keep the
    /// dataset names; labels are renumbered densely, dataset by dataset. The two new datasets own copies of the features.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1).</exception>
    /// <exception cref="ArgumentException">A dataset has fewer than two classes (named).</exception>
    public (FeatureDataset Train, FeatureDataset Validation) HoldOutClasses(double fraction, ulong seed = 0)
    {
        ClassHoldout.RequireFraction(fraction);
        var held = new HashSet<int>();
        for (int d = 0; d < DatasetNames.Count; d++)
        {
            var labels = Enumerable.Range(0, Count).Where(i => DatasetIndices[i] == d).Select(i => Labels[i]).Distinct().Order().ToList();
            var names = labels.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            foreach (var name in ClassHoldout.Choose(DatasetNames[d], names, fraction, seed))
                held.Add(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture));
        }
        var train = Subset(i => !held.Contains(Labels[i]));
        try
        {
            return (train, Subset(i => held.Contains(Labels[i])));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The samples of one dataset as a dataset of its own (for dataset-specific models): its name only, dataset index 0
    /// for every sample, labels renumbered densely from 0; owns a copy of their features.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No such dataset index, or the dataset has no sample.</exception>
    public FeatureDataset OnlyDataset(int datasetIndex)
    {
        if (datasetIndex < 0 || datasetIndex >= DatasetNames.Count || !DatasetIndices.Contains(datasetIndex))
            throw new ArgumentOutOfRangeException(nameof(datasetIndex), datasetIndex,
                $"Dataset index {datasetIndex} has no sample (datasets: {string.Join(", ", DatasetNames)}).");
        return Subset(i => DatasetIndices[i] == datasetIndex, [DatasetNames[datasetIndex]]);
    }

    private FeatureDataset Subset(Func<int, bool> keep, IReadOnlyList<string>? onlyName = null)
    {
        var rows = Enumerable.Range(0, Count).Where(keep).ToArray();
        var dense = rows.Select(i => (DatasetIndices[i], Labels[i])).Distinct().Order().Select((key, index) => (key, index))
            .ToDictionary(x => x.key, x => x.index);
        var labels = rows.Select(i => dense[(DatasetIndices[i], Labels[i])]).ToArray();
        var datasets = rows.Select(i => onlyName is null ? DatasetIndices[i] : 0).ToArray();
        Tensor features;
        using (var index = torch.tensor(rows.Select(i => (long)i).ToArray())) features = Features.index_select(0, index);
        try
        {
            return new FeatureDataset(features, labels, datasets, onlyName ?? DatasetNames, dense.Count);
        }
        catch
        {
            features.Dispose();
            throw;
        }
    }

    /// <summary>Disposes the feature tensor.</summary>
    public void Dispose() => Features.Dispose();
}
