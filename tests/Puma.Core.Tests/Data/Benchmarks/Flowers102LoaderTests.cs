using NUnit.Framework;
using Puma.Data.Benchmarks;
using Puma.Testing;

namespace Puma.Core.Tests.Data.Benchmarks;

public class Flowers102LoaderTests : BenchmarkTestFolder
{
    [Test]
    public void AllOfficialSetsArePooledThenSplitByClass()
    {
        string folder = In(TinyBenchmarkTree.Flowers);
        TinyBenchmarkTree.WriteFlowers(folder);
        BenchmarkDataset flowers = Flowers102Loader.Load(folder);

        // Labels of images 1..9: 1,1,2,3,4,5,5,2,4; read in the order trnid (1,3,5), valid (2,4,6), tstid (7,8,9).
        Assert.That(flowers.Train.Classes, Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(flowers.Test!.Classes, Is.EqualTo(new[] { "4", "5" }));
        Assert.That(Samples(flowers.Train, folder), Is.EqualTo(new[]
        {
            ("jpg/image_00001.jpg", 0), ("jpg/image_00003.jpg", 1), ("jpg/image_00002.jpg", 0), ("jpg/image_00004.jpg", 2), ("jpg/image_00008.jpg", 1),
        }));
        Assert.That(Samples(flowers.Test, folder), Is.EqualTo(new[]
        {
            ("jpg/image_00005.jpg", 0), ("jpg/image_00006.jpg", 1), ("jpg/image_00007.jpg", 1), ("jpg/image_00009.jpg", 0),
        }));
    }

    [Test]
    public void MissingSetIdNamesItself()
    {
        string folder = In(TinyBenchmarkTree.Flowers);
        TinyBenchmarkTree.WriteFlowers(folder);
        File.Delete(Path.Combine(folder, "setid.mat"));
        var ex = Assert.Throws<FileNotFoundException>(() => Flowers102Loader.Load(folder));
        Assert.That(ex!.FileName, Is.EqualTo(Path.Combine(folder, "setid.mat")));
    }

    [Test]
    public void WrongVariableIsNamed()
    {
        string folder = In(TinyBenchmarkTree.Flowers);
        TinyBenchmarkTree.WriteFlowers(folder);
        File.Copy(Path.Combine(folder, "setid.mat"), Path.Combine(folder, "imagelabels.mat"), overwrite: true);
        var ex = Assert.Throws<KeyNotFoundException>(() => Flowers102Loader.Load(folder));
        Assert.That(ex!.Message, Does.Contain("'labels'").And.Contain("imagelabels.mat"));
    }
}
