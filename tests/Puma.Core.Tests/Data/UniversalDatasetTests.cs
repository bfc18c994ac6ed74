using NUnit.Framework;
using Puma.Data;

namespace Puma.Core.Tests.Data;

public class UniversalDatasetTests
{
    private string _root = "";

    [SetUp]
    public void CreateFolder() => _root = TestImages.NewTempFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_root, recursive: true);

    private ImageFolder Folder(string name, params string[] files)
    {
        foreach (string f in files)
        {
            string path = Path.Combine(_root, name, f);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, [0]);
        }
        return ImageFolder.Load(Path.Combine(_root, name), name);
    }

    [Test] // BR-12: class 0 of each dataset gets its own global label; offsets are the declared class counts
    public void LabelsAreOffsetByDeclaredClassCounts()
    {
        ImageFolder a = Folder("A", "c0/1.png", "c0/2.png", "c1/1.png");
        ImageFolder b = Folder("B", "k0/1.png", "k1/1.png", "k2/1.png", "k2/2.png");
        var merged = UniversalDataset.Combine(a, b);

        Assert.That(merged.NumClasses, Is.EqualTo(5));
        Assert.That(merged.ClassOffsets, Is.EqualTo(new[] { 0, 2 }));
        Assert.That(merged.ClassCounts, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(merged.DatasetNames, Is.EqualTo(new[] { "A", "B" }));
        Assert.That(merged.Samples.Select(s => (s.Label, s.DatasetIndex, s.LocalLabel, s.ClassName)), Is.EqualTo(new[]
        {
            (0, 0, 0, "c0"), (0, 0, 0, "c0"), (1, 0, 1, "c1"),
            (2, 1, 0, "k0"), (3, 1, 1, "k1"), (4, 1, 2, "k2"), (4, 1, 2, "k2"),
        }));
    }

    [Test] // The same datasets combined in a query and a gallery split give identical global labels
    public void OffsetsDoNotDependOnWhichClassesHaveSamples()
    {
        var merged = UniversalDataset.Combine(Folder("A", "c0/1.png", "c1/1.png", "c2/1.png"), Folder("B", "k0/1.png"));
        Assert.That(merged.Samples.Single(s => s.DatasetIndex == 1).Label, Is.EqualTo(3));
    }

    [Test]
    public void DuplicateNamesThrow()
    {
        ImageFolder a = Folder("A", "c0/1.png");
        var ex = Assert.Throws<ArgumentException>(() => UniversalDataset.Combine(a, a));
        Assert.That(ex!.Message, Does.Contain("'A'"));
    }

    [Test]
    public void NoDatasetThrows() => Assert.Throws<ArgumentException>(() => UniversalDataset.Combine());
}
