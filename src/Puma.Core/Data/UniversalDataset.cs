namespace Puma.Data;

/// <summary>
/// Several datasets merged into one label space. The global label of a sample is its local label plus
/// the offset of its dataset; offsets are the running sum of the datasets' <b>declared</b> class counts, so
/// class 0 of two datasets never collide and query and gallery sets built from the same datasets get the
/// same labels (reference case BR-12).
/// </summary>
public sealed class UniversalDataset
{
    private UniversalDataset(IReadOnlyList<ImageFolder> datasets, IReadOnlyList<int> offsets, IReadOnlyList<UniversalSample> samples)
    {
        Datasets = datasets;
        ClassOffsets = offsets;
        ClassCounts = datasets.Select(d => d.NumClasses).ToArray();
        DatasetNames = datasets.Select(d => d.Name).ToArray();
        Samples = samples;
        NumClasses = offsets[^1] + datasets[^1].NumClasses;
    }

    /// <summary>The merged datasets, in the order given.</summary>
    public IReadOnlyList<ImageFolder> Datasets { get; }

    /// <summary>Dataset names, in order.</summary>
    public IReadOnlyList<string> DatasetNames { get; }

    /// <summary>Global label of class 0 of each dataset.</summary>
    public IReadOnlyList<int> ClassOffsets { get; }

    /// <summary>Declared class count of each dataset.</summary>
    public IReadOnlyList<int> ClassCounts { get; }

    /// <summary>Total number of classes (sum of the declared class counts).</summary>
    public int NumClasses { get; }

    /// <summary>Every sample of every dataset, dataset by dataset.</summary>
    public IReadOnlyList<UniversalSample> Samples { get; }

    /// <summary>Merges <paramref name="datasets"/> (at least one; names must be unique, ordinally).</summary>
    /// <exception cref="ArgumentException">No dataset, a null entry, or a repeated name.</exception>
    public static UniversalDataset Combine(params ImageFolder[] datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        if (datasets.Length == 0)
        {
            throw new ArgumentException("Combine needs at least one dataset.", nameof(datasets));
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < datasets.Length; i++)
        {
            if (datasets[i] is null)
            {
                throw new ArgumentException($"Dataset {i} is null.", nameof(datasets));
            }
            if (!names.Add(datasets[i].Name))
            {
                throw new ArgumentException($"The dataset name '{datasets[i].Name}' is used twice; names must be unique.", nameof(datasets));
            }
        }
        var offsets = new int[datasets.Length];
        var samples = new List<UniversalSample>();
        int offset = 0;
        for (int d = 0; d < datasets.Length; d++)
        {
            ImageFolder dataset = datasets[d];
            offsets[d] = offset;
            foreach (ImageFolderSample s in dataset.Samples)
            {
                samples.Add(new UniversalSample(s.Path, offset + s.Label, d, s.Label, dataset.Classes[s.Label]));
            }
            offset = checked(offset + dataset.NumClasses);
        }
        return new UniversalDataset(datasets, offsets, samples);
    }

    /// <summary>
    /// Splits every dataset's classes into a training part and a class-disjoint validation part
    /// (<see cref="ClassHoldout"/>: ⌈<paramref name="fraction"/> × C⌉ classes per dataset), for model selection that never
    /// looks at the test split. Both parts keep the dataset order and names; labels are renumbered densely.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1).</exception>
    /// <exception cref="ArgumentException">A dataset has fewer than two classes (named).</exception>
    public (UniversalDataset Train, UniversalDataset Validation) HoldOutClasses(double fraction, ulong seed = 0)
    {
        ClassHoldout.RequireFraction(fraction);
        var train = new ImageFolder[Datasets.Count];
        var validation = new ImageFolder[Datasets.Count];
        for (int d = 0; d < Datasets.Count; d++)
        {
            var dataset = Datasets[d];
            var held = new HashSet<string>(ClassHoldout.Choose(dataset.Name, dataset.Classes, fraction, seed), StringComparer.Ordinal);
            train[d] = Subset(dataset, c => !held.Contains(c));
            validation[d] = Subset(dataset, held.Contains);
        }
        return (Combine(train), Combine(validation));
    }

    private static ImageFolder Subset(ImageFolder dataset, Func<string, bool> keep)
    {
        var classes = dataset.Classes.Where(keep).ToList();
        var newLabel = classes.Select((name, index) => (name, index)).ToDictionary(x => x.name, x => x.index, StringComparer.Ordinal);
        var samples = dataset.Samples
            .Where(s => newLabel.ContainsKey(dataset.Classes[s.Label]))
            .Select(s => new ImageFolderSample(s.Path, newLabel[dataset.Classes[s.Label]]))
            .ToList();
        return ImageFolder.FromList(dataset.Name, dataset.Root, classes, samples);
    }
}
