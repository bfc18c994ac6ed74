using NUnit.Framework;
using Puma.Data;

namespace Puma.Core.Tests.Data;

/// <summary>Validation classes carved from image datasets: class-disjoint, per dataset, densely relabelled.</summary>
public class UniversalDatasetHoldoutTests
{
    [Test]
    public void EveryDatasetGivesClassDisjointParts()
    {
        var data = UniversalDataset.Combine(Folder("a", 10, 3), Folder("b", 4, 2));
        var (train, validation) = data.HoldOutClasses(0.25, seed: 5);

        Assert.That(train.DatasetNames, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(validation.DatasetNames, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(validation.ClassCounts, Is.EqualTo(new[] { 3, 1 }), "⌈0.25 × 10⌉ and ⌈0.25 × 4⌉");
        Assert.That(train.ClassCounts, Is.EqualTo(new[] { 7, 3 }));
        for (int d = 0; d < 2; d++)
        {
            Assert.That(train.Datasets[d].Classes.Intersect(validation.Datasets[d].Classes), Is.Empty);
            Assert.That(train.Datasets[d].Classes.Union(validation.Datasets[d].Classes), Is.EquivalentTo(data.Datasets[d].Classes));
        }
        Assert.That(train.Samples.Count + validation.Samples.Count, Is.EqualTo(data.Samples.Count), "no image lost or doubled");
        foreach (var part in new[] { train, validation })
        {
            Assert.That(part.Samples.Select(s => s.Label).Distinct().Order(), Is.EqualTo(Enumerable.Range(0, part.NumClasses)), "dense labels");
            Assert.That(part.Samples.All(s => Path.GetFileName(Path.GetDirectoryName(s.Path)) == s.ClassName), "each image keeps its class");
        }
    }

    [Test]
    public void ADatasetWithOneClassIsNamed()
    {
        var data = UniversalDataset.Combine(Folder("big", 5, 2), Folder("single", 1, 2));
        var error = Assert.Throws<ArgumentException>(() => data.HoldOutClasses(0.2));
        Assert.That(error!.Message, Does.Contain("single"));
    }

    private static ImageFolder Folder(string name, int classes, int perClass)
    {
        var names = Enumerable.Range(0, classes).Select(c => $"{name}-class{c:D2}").ToArray();
        var samples = Enumerable.Range(0, classes * perClass)
            .Select(i => new ImageFolderSample(Path.Combine("/data", name, names[i / perClass], $"{i}.png"), i / perClass)).ToArray();
        return ImageFolder.FromList(name, Path.Combine("/data", name), names, samples);
    }
}
