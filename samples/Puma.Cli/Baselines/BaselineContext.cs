using Microsoft.Extensions.Logging;
using Puma.Cli.Demo;
using Puma.Data;
using Puma.Features;

namespace Puma.Cli.Baselines;

/// <summary>
/// The data every method of <c>puma benchmark</c> sees: the training features minus the held-out validation classes,
/// the validation features, the test features (and their images, for the raw-pixel baseline and the style analysis),
/// and the prepared backbone. Owns the two split feature sets.
/// </summary>
internal sealed class BaselineContext : IDisposable
{
    public BaselineContext(PreparedBackbone backbone, BaselineSettings settings, ILogger logger)
    {
        Backbone = backbone;
        Settings = settings;
        Logger = logger;
        var test = backbone.Features.Test;
        if (test.Count != backbone.Splits.Test.Samples.Count
            || Enumerable.Range(0, test.Count).Any(i => test.Labels[i] != backbone.Splits.Test.Samples[i].Label))
            throw new InvalidOperationException("The cached test features do not follow the test images' order; delete the feature cache and rerun.");
        (Train, Validation) = backbone.Features.Train.HoldOutClasses(settings.ValidationFraction, ValidationSeed);
        logger.LogInformation("Model selection: {Classes} of {All} training classes ({Images} images) held out as the validation split",
            Validation.NumClasses, backbone.Features.Train.NumClasses, Validation.Count);
    }

    /// <summary>Seed of the validation carve: fixed, so that every method and seed is selected on the same classes.</summary>
    public const ulong ValidationSeed = 2309_08944;

    public PreparedBackbone Backbone { get; }

    public BaselineSettings Settings { get; }

    public ILogger Logger { get; }

    /// <summary>Training features without the validation classes.</summary>
    public FeatureDataset Train { get; }

    /// <summary>Held-out training classes (model selection only).</summary>
    public FeatureDataset Validation { get; }

    /// <summary>Test features, in the order of <see cref="TestImages"/>.</summary>
    public FeatureDataset Test => Backbone.Features.Test;

    /// <summary>The test images.</summary>
    public UniversalDataset TestImages => Backbone.Splits.Test;

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }
}
