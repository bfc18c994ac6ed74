using NUnit.Framework;
using Puma.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Features;

/// <summary>The dataset constructor checks every sample and names the first bad one; the caller keeps the tensor on failure.</summary>
public class FeatureDatasetTests
{
    [Test]
    public void NaNOrInfinityNamesTheSample()
    {
        using var features = torch.zeros(5, 2, 3);
        features[3, 1, 2] = torch.tensor(float.NaN);
        features[4, 0, 0] = torch.tensor(float.NegativeInfinity);
        var error = Assert.Throws<ArgumentException>(() => new FeatureDataset(features, [0, 1, 0, 1, 0], new int[5], ["d"], 2))!;
        Assert.That(error.Message, Does.Contain("sample 3").And.Contain("label 1"));
        Assert.That(features.IsInvalid, Is.False, "still the caller's to dispose");
    }

    [Test]
    public void NaNFarIntoALargeSetIsFound()
    {
        using var features = torch.zeros(3000, 4);
        features[2500, 3] = torch.tensor(float.PositiveInfinity);
        var error = Assert.Throws<ArgumentException>(() => new FeatureDataset(features, new int[3000], new int[3000], ["d"], 1))!;
        Assert.That(error.Message, Does.Contain("sample 2500"));
    }

    [Test]
    public void NonFloatingFeaturesAreRefused()
    {
        using var features = torch.zeros(2, 3, dtype: ScalarType.Int32);
        var error = Assert.Throws<ArgumentException>(() => new FeatureDataset(features, [0, 0], [0, 0], ["d"], 1))!;
        Assert.That(error.Message, Does.Contain("Int32"));
    }

    [Test]
    public void LabelsAndDatasetIndicesOutOfRangeNameTheSample()
    {
        using var features = torch.zeros(3, 2);
        var label = Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureDataset(features, [0, 1, -1], new int[3], ["d"], 2))!;
        Assert.That(label.Message, Does.Contain("Label -1 of sample 2 is outside [0, 2)"));
        var high = Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureDataset(features, [0, 2, 1], new int[3], ["d"], 2))!;
        Assert.That(high.Message, Does.Contain("Label 2 of sample 1"));
        var dataset = Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureDataset(features, [0, 1, 1], [0, 1, 0], ["d"], 2))!;
        Assert.That(dataset.Message, Does.Contain("Dataset index 1 of sample 1 is outside [0, 1)"));
    }

    [Test]
    public void EmptyOrMismatchedInputsAreRefused()
    {
        using var none = torch.zeros(0, 2);
        Assert.That(Assert.Throws<ArgumentException>(() => new FeatureDataset(none, [], [], ["d"], 1))!.Message, Does.Contain("empty"));
        using var two = torch.zeros(2, 2);
        Assert.That(Assert.Throws<ArgumentException>(() => new FeatureDataset(two, [0], [0], ["d"], 1))!.Message, Does.Contain("2 feature rows but 1 labels"));
        Assert.That(Assert.Throws<ArgumentException>(() => new FeatureDataset(two, [0, 0], [0], ["d"], 1))!.Message, Does.Contain("1 dataset indices but 2 labels"));
        Assert.Throws<ArgumentNullException>(() => new FeatureDataset(two, null!, [0, 0], ["d"], 1));
    }
}
