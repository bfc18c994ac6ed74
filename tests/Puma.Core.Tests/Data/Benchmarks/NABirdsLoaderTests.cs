using NUnit.Framework;
using Puma.Data.Benchmarks;
using Puma.Testing;

namespace Puma.Core.Tests.Data.Benchmarks;

public class NABirdsLoaderTests : BenchmarkTestFolder
{
    [Test]
    public void UsedClassIdsAreSortedNumericallyAndHierarchyNodesIgnored()
    {
        string folder = In(TinyBenchmarkTree.NABirds);
        TinyBenchmarkTree.WriteNABirds(folder);
        BenchmarkDataset birds = NABirdsLoader.Load(folder);

        // Ordinal order would be 1010, 313, 400, 65, 998; the numeric order puts 65 first and 1010 last.
        Assert.That(birds.Train.Classes, Is.EqualTo(new[] { "65 Snow Goose", "313 Black-bellied Whistling-Duck", "400 Wood Duck" }));
        Assert.That(birds.Test!.Classes, Is.EqualTo(new[] { "998 Cedar Waxwing", "1010 Yellow-rumped Warbler (Myrtle)" }));
        Assert.That(Samples(birds.Train, folder), Is.EqualTo(new[]
        {
            ("images/0313/0000d9fc4e024c06a0afa55cfb16b12b.jpg", 1),
            ("images/0065/0001afd499a14a67b940d419413e23b3.jpg", 0),
            ("images/0400/000332b8997c454096472f0a8495aecf.jpg", 2),
            ("images/0065/000343bd521549baab9c7c97a70ac1a5.jpg", 0),
        }));
        Assert.That(Samples(birds.Test, folder), Is.EqualTo(new[]
        {
            ("images/0998/0000139e21dc4d0cbfe14cae3c85c829.jpg", 0),
            ("images/1010/000193069d834334b255a447742edce3.jpg", 1),
        }));
    }

    [Test]
    public void LabelWithUnknownClassNamesTheLine()
    {
        string folder = In(TinyBenchmarkTree.NABirds);
        TinyBenchmarkTree.WriteNABirds(folder);
        var lines = File.ReadAllLines(Path.Combine(folder, "image_class_labels.txt"));
        lines[1] = lines[1].Split(' ')[0] + " 77";
        File.WriteAllLines(Path.Combine(folder, "image_class_labels.txt"), lines);
        var ex = Assert.Throws<InvalidDataException>(() => NABirdsLoader.Load(folder));
        Assert.That(ex!.Message, Does.Contain("image_class_labels.txt:2:").And.Contain("class id 77"));
    }
}
