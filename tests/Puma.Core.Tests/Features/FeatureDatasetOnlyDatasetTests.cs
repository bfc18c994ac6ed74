using NUnit.Framework;
using Puma.Features;
using TorchSharp;

namespace Puma.Core.Tests.Features;

/// <summary>One dataset's samples out of a merged feature set (dataset-specific models).</summary>
public class FeatureDatasetOnlyDatasetTests
{
    [Test]
    public void KeepsThatDatasetsRowsWithDenseLabels()
    {
        int[] labels = [0, 1, 2, 2, 3, 4, 4];
        int[] datasets = [0, 0, 1, 1, 1, 2, 2];
        using var data = new FeatureDataset(torch.arange(7, dtype: torch.float32).reshape(7, 1), labels, datasets, ["a", "b", "c"], 5);
        using var b = data.OnlyDataset(1);
        Assert.That(b.Features.data<float>().ToArray(), Is.EqualTo(new float[] { 2, 3, 4 }));
        Assert.That(b.Labels, Is.EqualTo(new[] { 0, 0, 1 }));
        Assert.That(b.NumClasses, Is.EqualTo(2));
        Assert.That(b.DatasetIndices, Is.EqualTo(new[] { 0, 0, 0 }));
        Assert.That(b.DatasetNames, Is.EqualTo(new[] { "b" }), "a dataset of its own");
        Assert.Throws<ArgumentOutOfRangeException>(() => data.OnlyDataset(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.OnlyDataset(-1));
    }
}
