using Microsoft.Extensions.Logging;
using Puma.Data;
using Puma.Data.Benchmarks;
using Puma.Data.Loading;
using Puma.Data.Transforms;
using Puma.Evaluation;
using Puma.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Models;

public sealed partial class UniversalMetricModel
{
    /// <summary>Side of the square images the backbone takes.</summary>
    public int InputSize
    {
        get
        {
            var shape = backbone.Stem.ImageShape;
            if (shape[1] != shape[2]) throw new NotSupportedException($"The stem takes {shape[2]}x{shape[1]} images; only square inputs are supported.");
            return (int)shape[1];
        }
    }

    /// <summary>
    /// Trains on image files: every batch is decoded and augmented in the background
    /// (<see cref="ImagePipelineOptions.TrainTransform"/>, PUMA's RandomResizedCrop + flip by default) and runs through the
    /// whole model, stem included. The backbone stays frozen; the loss is created as in the feature overload. The
    /// augmentation streams are seeded by <see cref="TrainingOptions.Seed"/>. With <paramref name="validation"/> (for example
    /// the held-out part of <see cref="UniversalDataset.HoldOutClasses"/>; every image queries the others), the model is
    /// validated as <see cref="TrainingOptions.Selection"/> says and ends with its best validated state.
    /// </summary>
    public Task<TrainingReport> FitAsync(UniversalDataset train, TrainingOptions options, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default, ILogger? logger = null, ImagePipelineOptions? images = null,
        UniversalDataset? validation = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        images ??= ImagePipelineOptions.Default;
        images.Validate();
        if (train.Samples.Count == 0) throw new ArgumentException("The training set has no samples.", nameof(train));
        var loader = new ImageBatchLoader(train, images.TrainTransform ?? PumaTransforms.Train(InputSize), InputSize,
            images.LoaderOptions(backbone.Stem.InputNormalization, options.Seed));
        var source = new ImageBatchSource(loader, backbone.Stem);
        if (validation is not null && validation.Samples.Count == 0) throw new ArgumentException("The validation set has no samples.", nameof(validation));
        var pipeline = images;
        Func<CancellationToken, RetrievalReport>? validate = validation is null
            ? null
            : ct => RetrievalEvaluator.Evaluate(ToRetrievalSet(validation, EmbedDataset(validation, f => Encode(f), pipeline, ct)), cancellationToken: ct);
        var lossModule = EnsureLoss(train.NumClasses);
        return Task.Run(() => new MetricTrainer(logger).Fit(this, lossModule, source, options, progress, cancellationToken, validate),
            cancellationToken);
    }

    /// <summary>
    /// Retrieval metrics on image files (per dataset, unified, harmonic mean): each image goes through
    /// <see cref="ImagePipelineOptions.EvalTransform"/> (shorter side to ⌊size/0.875⌋ + centre crop by default) and the
    /// whole model in eval mode.
    /// </summary>
    public RetrievalReport Evaluate(UniversalDataset test, RetrievalOptions? options = null, CancellationToken cancellationToken = default,
        ImagePipelineOptions? images = null)
    {
        eval();
        var embeddings = EmbedDataset(test, f => Encode(f), images, cancellationToken);
        return RetrievalEvaluator.Evaluate(ToRetrievalSet(test, embeddings), options, cancellationToken: cancellationToken);
    }

    /// <summary>Retrieval metrics of the frozen backbone's own normalised CLS feature on image files (the "no training" baseline).</summary>
    public RetrievalReport EvaluateBackbone(UniversalDataset test, RetrievalOptions? options = null, CancellationToken cancellationToken = default,
        ImagePipelineOptions? images = null)
    {
        eval();
        var embeddings = EmbedDataset(test, BackboneEmbeddingFromFeatures, images, cancellationToken);
        return RetrievalEvaluator.Evaluate(ToRetrievalSet(test, embeddings), options, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Retrieval metrics on a benchmark test set whose samples carry roles (PUMA's protocol: a test split is queried
    /// leave-one-out, In-Shop's queries search its gallery; unified = every query against the merged gallery).
    /// </summary>
    public RetrievalReport Evaluate(BenchmarkTestSet test, RetrievalOptions? options = null, CancellationToken cancellationToken = default,
        ImagePipelineOptions? images = null)
    {
        ArgumentNullException.ThrowIfNull(test);
        eval();
        var embeddings = EmbedDataset(test.Samples, f => Encode(f), images, cancellationToken);
        return RetrievalEvaluator.Evaluate(ToRetrievalSet(test.Samples, embeddings, test.Roles), options, cancellationToken: cancellationToken);
    }

    /// <summary>The frozen backbone's own normalised CLS feature on a benchmark test set with roles.</summary>
    public RetrievalReport EvaluateBackbone(BenchmarkTestSet test, RetrievalOptions? options = null, CancellationToken cancellationToken = default,
        ImagePipelineOptions? images = null)
    {
        ArgumentNullException.ThrowIfNull(test);
        eval();
        var embeddings = EmbedDataset(test.Samples, BackboneEmbeddingFromFeatures, images, cancellationToken);
        return RetrievalEvaluator.Evaluate(ToRetrievalSet(test.Samples, embeddings, test.Roles), options, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// L2-normalised embeddings <c>[N, E]</c> of every sample of <paramref name="data"/>, in sample order, as a managed
    /// row-major array, computed in eval mode with the evaluation transform. Do not call it while a fit runs.
    /// </summary>
    public float[] EmbedDataset(UniversalDataset data, ImagePipelineOptions? images = null, CancellationToken cancellationToken = default)
    {
        eval();
        return EmbedDataset(data, f => Encode(f), images, cancellationToken);
    }

    private float[] EmbedDataset(UniversalDataset data, Func<Tensor, Tensor> embedFeatures, ImagePipelineOptions? images,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        images ??= ImagePipelineOptions.Default;
        images.Validate();
        var loader = new ImageBatchLoader(data, images.EvalTransform ?? PumaTransforms.Eval(InputSize), InputSize,
            images.LoaderOptions(backbone.Stem.InputNormalization, 0));
        float[]? result = null;
        int done = 0;
        foreach (var batch in loader.LoadInOrder(images.EvalBatchSize, cancellationToken))
        {
            using (batch)
            {
                using var scope = torch.NewDisposeScope();
                using var noGrad = torch.no_grad();
                var output = embedFeatures(backbone.Stem.features(batch.Images.to(Device))).to(ScalarType.Float32).cpu().contiguous();
                int dim = (int)output.shape[1];
                result ??= new float[(long)data.Samples.Count * dim];
                output.data<float>().CopyTo(result, done * dim);
                done += batch.Count;
            }
        }
        return result!;
    }

    private static RetrievalSet ToRetrievalSet(UniversalDataset data, float[] embeddings, IReadOnlyList<SampleRole>? roles = null)
    {
        int dim = embeddings.Length / data.Samples.Count;
        if (roles is not null && roles.Count != data.Samples.Count)
            throw new ArgumentException($"{roles.Count} roles for {data.Samples.Count} samples.", nameof(roles));
        return new RetrievalSet(embeddings, dim, data.Samples.Select(s => s.Label).ToArray(), data.Samples.Select(s => s.DatasetIndex).ToArray(),
            data.DatasetNames, roles?.ToArray());
    }
}
