using Microsoft.Extensions.Logging;
using Puma.Features;
using Puma.Losses;
using Puma.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Models;

public sealed partial class UniversalMetricModel : ITrainableEmbedder
{
    internal const string LossPrefix = "loss.";
    private MetricLoss? loss;

    /// <summary>The loss chosen at build time.</summary>
    public MetricLossSpec LossSpec { get; }

    /// <summary>The loss (with its proxies) once training has created or loaded it; null before.</summary>
    public MetricLoss? Loss => loss;

    nn.Module ITrainableEmbedder.Module => this;

    Tensor ITrainableEmbedder.EmbedFeatures(Tensor features) => Encode(features);

    IReadOnlyList<ParameterGroup> ITrainableEmbedder.ParameterGroups(TrainingOptions options) =>
        TrainableParameters()
            .GroupBy(p => p.Name.Split('.')[0])
            .Select(g => new ParameterGroup(g.Key, g.Select(p => p.Parameter).ToList(),
                g.Key == "backbone" ? options.BackboneLearningRateMultiplier : options.ModuleLearningRateMultiplier))
            .ToList();

    Tensor? ITrainableEmbedder.RegularizationLoss() => prompt?.RegularizationLoss();

    /// <summary>
    /// Trains the adapters, prompts, head and loss proxies on cached features (the backbone stays frozen). Creates the
    /// loss on first use with <paramref name="train"/>'s class count; a later call with another class count replaces it.
    /// Training runs on a thread-pool thread with the caller's intra-op thread count (<c>torch.set_num_threads</c> is per thread).
    /// With <paramref name="validation"/> (for example the held-out part of <see cref="FeatureDataset.HoldOutClasses"/>), the
    /// model is validated as <see cref="TrainingOptions.Selection"/> says and ends with its best validated state.
    /// </summary>
    public Task<TrainingReport> FitAsync(FeatureDataset train, TrainingOptions options, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default, ILogger? logger = null, FeatureDataset? validation = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        InputValidation.RequireFeatureShape(train, backbone.Stem.FeatureShape, nameof(train));
        if (validation is not null) InputValidation.RequireFeatureShape(validation, backbone.Stem.FeatureShape, nameof(validation));
        Func<CancellationToken, Evaluation.RetrievalReport>? validate = validation is null
            ? null
            : ct => EmbeddingComputer.Evaluate(validation, f => Encode(f), Device, null, ct);
        var lossModule = EnsureLoss(train.NumClasses);
        // LibTorch's intra-op thread count is a per-thread setting: carry the caller's into the training thread.
        int threads = torch.get_num_threads();
        return Task.Run(() =>
        {
            int previous = torch.get_num_threads();
            torch.set_num_threads(threads);
            try
            {
                return new MetricTrainer(logger).Fit(this, lossModule, train, options, progress, cancellationToken, validate);
            }
            finally
            {
                torch.set_num_threads(previous);
            }
        }, cancellationToken);
    }

    private MetricLoss EnsureLoss(int numClasses)
    {
        if (loss is not null && loss.NumClasses == numClasses) return loss;
        loss?.Dispose();
        loss = LossSpec.Create(numClasses, EmbeddingDim);
        register_module("loss", loss);
        return loss;
    }

    internal void ReplaceLoss(MetricLoss value)
    {
        loss?.Dispose();
        loss = value;
        register_module("loss", loss);
    }
}
