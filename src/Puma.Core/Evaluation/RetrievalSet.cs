using TorchSharp;

namespace Puma.Evaluation;

/// <summary>
/// The test samples of a retrieval evaluation: one L2-normalised embedding per sample (so cosine similarity is the
/// dot product), its global label, the dataset it belongs to and its role (query, gallery or both).
/// The constructor validates everything and copies the arrays, so the instance is immutable.
/// </summary>
/// <remarks>
/// Labels must already be dataset-qualified: each dataset's local class ids offset by the declared class counts of the
/// datasets before it, identical for query and gallery samples. Every dataset needs at least one query and one gallery item.
/// </remarks>
public sealed class RetrievalSet
{
    /// <summary>Largest accepted deviation of a row's L2 norm from 1 (all-zero rows are accepted as well).</summary>
    public const float NormTolerance = 1e-3f;

    private readonly float[] _embeddings;
    private readonly int[] _labels;
    private readonly int[] _datasetIndices;
    private readonly string[] _datasetNames;
    private readonly SampleRole[] _roles;

    /// <summary>Creates a set from a row-major N×D embedding array.</summary>
    /// <param name="embeddings">N×D floats, row-major, each row L2-normalised.</param>
    /// <param name="dimension">D, the embedding size.</param>
    /// <param name="labels">N global (dataset-qualified) class labels.</param>
    /// <param name="datasetIndices">N indices into <paramref name="datasetNames"/>.</param>
    /// <param name="datasetNames">Distinct, non-empty dataset names.</param>
    /// <param name="roles">N roles; <see langword="null"/> makes every sample <see cref="SampleRole.Both"/>.</param>
    /// <exception cref="ArgumentException">Empty input, mismatched lengths, NaN/∞ or non-normalised rows, unknown
    /// dataset index or role, duplicate dataset names, or a dataset without queries or gallery items.</exception>
    public RetrievalSet(
        float[] embeddings,
        int dimension,
        int[] labels,
        int[] datasetIndices,
        IReadOnlyList<string> datasetNames,
        SampleRole[]? roles = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(datasetIndices);
        ArgumentNullException.ThrowIfNull(datasetNames);
        _embeddings = (float[])embeddings.Clone();
        _labels = (int[])labels.Clone();
        _datasetIndices = (int[])datasetIndices.Clone();
        _datasetNames = datasetNames.ToArray();
        _roles = roles is null ? Enumerable.Repeat(SampleRole.Both, labels.Length).ToArray() : (SampleRole[])roles.Clone();
        Dimension = dimension;
        RetrievalSetValidator.Validate(_embeddings, dimension, _labels, _datasetIndices, _datasetNames, _roles);
    }

    /// <summary>
    /// Creates a set from an N×D tensor (any device, any floating dtype). Its values are copied to managed memory;
    /// the tensor stays owned by the caller and is not modified.
    /// </summary>
    /// <inheritdoc cref="RetrievalSet(float[], int, int[], int[], IReadOnlyList{string}, SampleRole[])"/>
    public RetrievalSet(
        torch.Tensor embeddings,
        int[] labels,
        int[] datasetIndices,
        IReadOnlyList<string> datasetNames,
        SampleRole[]? roles = null)
        : this(ToManaged(embeddings, out var dimension), dimension, labels, datasetIndices, datasetNames, roles)
    {
    }

    /// <summary>Creates a set holding a single dataset (every dataset index 0).</summary>
    /// <param name="embeddings">N×D floats, row-major, each row L2-normalised.</param>
    /// <param name="dimension">D, the embedding size.</param>
    /// <param name="labels">N class labels.</param>
    /// <param name="name">The dataset name used in the report.</param>
    /// <param name="roles">N roles; <see langword="null"/> makes every sample <see cref="SampleRole.Both"/>.</param>
    /// <exception cref="ArgumentException">As for the main constructor.</exception>
    public static RetrievalSet SingleDataset(
        float[] embeddings, int dimension, int[] labels, string name = "dataset", SampleRole[]? roles = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return new RetrievalSet(embeddings, dimension, labels, new int[labels.Length], [name], roles);
    }

    /// <summary>N, the number of samples.</summary>
    public int Count => _labels.Length;

    /// <summary>D, the embedding size.</summary>
    public int Dimension { get; }

    /// <summary>The embeddings, N×D row-major.</summary>
    public ReadOnlyMemory<float> Embeddings => _embeddings;

    /// <summary>Global label of each sample.</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>Dataset index of each sample (into <see cref="DatasetNames"/>).</summary>
    public IReadOnlyList<int> DatasetIndices => _datasetIndices;

    /// <summary>Names of the datasets.</summary>
    public IReadOnlyList<string> DatasetNames => _datasetNames;

    /// <summary>Role of each sample.</summary>
    public IReadOnlyList<SampleRole> Roles => _roles;

    internal float[] EmbeddingArray => _embeddings;

    internal int[] LabelArray => _labels;

    private static float[] ToManaged(torch.Tensor embeddings, out int dimension)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.dim() != 2)
            throw new ArgumentException($"Embeddings must be a 2-D N×D tensor, got shape [{string.Join(", ", embeddings.shape)}].", nameof(embeddings));
        if (!embeddings.is_floating_point())
            throw new ArgumentException($"Embeddings must be floating point, got {embeddings.dtype}.", nameof(embeddings));
        dimension = checked((int)embeddings.shape[1]);
        using var scope = torch.NewDisposeScope();
        var cpu = embeddings.detach().to(torch.ScalarType.Float32, torch.CPU).contiguous();
        return cpu.data<float>().ToArray();
    }
}
