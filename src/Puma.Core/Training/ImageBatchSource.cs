using Puma.Backbones;
using Puma.Data.Loading;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Training;

/// <summary>
/// Batches computed from images on the fly: the <see cref="ImageBatchLoader"/> decodes and augments them in the
/// background, then the stem turns each batch into the features <see cref="ITrainableEmbedder.EmbedFeatures"/> takes —
/// so the whole model, stem included, runs on every batch and every epoch sees new augmentations. A frozen stem runs
/// without autograd.
/// </summary>
public sealed class ImageBatchSource : ITrainingBatchSource
{
    private readonly ImageBatchLoader loader;
    private readonly TokenStem stem;
    private readonly Device device;

    /// <summary>Uses <paramref name="loader"/> (augmenting) and <paramref name="stem"/> (its parameters' device).</summary>
    public ImageBatchSource(ImageBatchLoader loader, TokenStem stem)
    {
        this.loader = loader ?? throw new ArgumentNullException(nameof(loader));
        this.stem = stem ?? throw new ArgumentNullException(nameof(stem));
        device = stem.parameters().FirstOrDefault()?.device ?? torch.CPU;
        Labels = loader.Data.Samples.Select(s => s.Label).ToArray();
        DatasetIndices = loader.Data.Samples.Select(s => s.DatasetIndex).ToArray();
    }

    /// <inheritdoc />
    public int Count => loader.Data.Samples.Count;

    /// <inheritdoc />
    public int NumClasses => loader.Data.NumClasses;

    /// <inheritdoc />
    public IReadOnlyList<int> Labels { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> DatasetIndices { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> DatasetNames => loader.Data.DatasetNames;

    /// <inheritdoc />
    public IEnumerable<TrainingBatch> Batches(int epoch, IReadOnlyList<int[]> indexBatches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indexBatches);
        foreach (var images in loader.Load(indexBatches, epoch, cancellationToken))
        {
            using (images) yield return ToFeatures(images);
        }
    }

    private TrainingBatch ToFeatures(ImageBatch images)
    {
        using var scope = torch.NewDisposeScope();
        bool frozen = !stem.parameters().Any(p => p.requires_grad);
        using var grad = frozen ? torch.no_grad() : null;
        var features = stem.features(images.Images.to(device));
        var labels = torch.tensor(images.Labels.Select(l => (long)l).ToArray()).to(device);
        return new TrainingBatch(features.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
