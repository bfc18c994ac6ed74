using NUnit.Framework;
using Puma.Features;
using TorchSharp;

namespace Puma.Core.Tests.Features;

/// <summary>Validation classes carved from cached features: the right rows, dense labels, per dataset.</summary>
public class FeatureDatasetHoldoutTests
{
    // Two datasets: labels 0..5 in "a", 6..8 in "b"; two samples per class; feature row i holds the value i.
    private static readonly int[] Labels = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8];

    [Test]
    public void RowsFollowTheirClassIntoTheirPart()
    {
        int[] datasets = Labels.Select(l => l < 6 ? 0 : 1).ToArray();
        using var data = new FeatureDataset(torch.arange(Labels.Length, dtype: torch.float32).reshape(Labels.Length, 1), Labels, datasets,
            ["a", "b"], 9);

        var (train, validation) = data.HoldOutClasses(0.34, seed: 2);
        using (train)
        using (validation)
        {
            Assert.That(validation.NumClasses, Is.EqualTo(3 + 2), "⌈0.34 × 6⌉ = 3 classes of a, ⌈0.34 × 3⌉ = 2 of b");
            Assert.That(train.NumClasses, Is.EqualTo(3 + 1));
            var originals = new List<int>[2];
            int p = 0;
            foreach (var part in new[] { train, validation })
            {
                var rows = part.Features.data<float>().Select(v => (int)v).ToArray();
                Assert.That(part.Labels.Distinct().Order(), Is.EqualTo(Enumerable.Range(0, part.NumClasses)), "dense labels");
                var map = new Dictionary<int, int>();
                for (int i = 0; i < part.Count; i++)
                {
                    int original = Labels[rows[i]];
                    Assert.That(part.DatasetIndices[i], Is.EqualTo(datasets[rows[i]]), "dataset kept");
                    Assert.That(map.TryAdd(part.Labels[i], original) || map[part.Labels[i]] == original, "one original class per new label");
                }
                Assert.That(map.Values.Distinct().Count(), Is.EqualTo(map.Count), "one new label per original class");
                originals[p++] = map.Values.ToList();
            }
            Assert.That(originals[0].Intersect(originals[1]), Is.Empty, "class-disjoint");
            Assert.That(originals[0].Concat(originals[1]).Order(), Is.EqualTo(Enumerable.Range(0, 9)), "every class somewhere");
            Assert.That(train.Count + validation.Count, Is.EqualTo(Labels.Length));
        }
    }

    [Test]
    public void ADatasetWithOneClassIsNamed()
    {
        using var data = new FeatureDataset(torch.zeros(6, 1), [0, 0, 1, 1, 2, 2], [0, 0, 0, 0, 1, 1], ["pair", "single"], 3);
        var error = Assert.Throws<ArgumentException>(() => data.HoldOutClasses(0.5));
        Assert.That(error!.Message, Does.Contain("single"));
    }
}
