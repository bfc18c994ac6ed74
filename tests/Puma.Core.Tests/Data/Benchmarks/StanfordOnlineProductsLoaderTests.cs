using NUnit.Framework;
using Puma.Data.Benchmarks;
using Puma.Testing;

namespace Puma.Core.Tests.Data.Benchmarks;

public class StanfordOnlineProductsLoaderTests : BenchmarkTestFolder
{
    [Test]
    public void OfficialFilesGiveTheClassDisjointSplits()
    {
        string folder = In(TinyBenchmarkTree.Sop);
        TinyBenchmarkTree.WriteSop(folder);
        BenchmarkDataset sop = StanfordOnlineProductsLoader.Load(folder);

        Assert.That(sop.Train.Classes, Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(sop.Test!.Classes, Is.EqualTo(new[] { "4", "5" }));
        Assert.That(Samples(sop.Train, folder), Is.EqualTo(new[]
        {
            ("bicycle_final/111085122871_0.JPG", 0), ("bicycle_final/111085122871_1.JPG", 0),
            ("bicycle_final/111265328556_0.JPG", 1), ("cabinet_final/110832357616_0.JPG", 2),
        }));
        Assert.That(Samples(sop.Test, folder), Is.EqualTo(new[]
        {
            ("bicycle_final/251952414262_0.JPG", 0), ("bicycle_final/251952414262_1.JPG", 0), ("chair_final/111083486082_0.JPG", 1),
        }));
    }

    [Test]
    public void ClassInBothFilesIsRejected()
    {
        string folder = In(TinyBenchmarkTree.Sop);
        TinyBenchmarkTree.WriteSop(folder);
        TinyBenchmarkTree.Text(folder, "Ebay_test.txt", "image_id class_id super_class_id path", "5 3 1 bicycle_final/251952414262_0.JPG");
        var ex = Assert.Throws<InvalidDataException>(() => StanfordOnlineProductsLoader.Load(folder));
        Assert.That(ex!.Message, Does.Contain("class id 3").And.Contain("class-disjoint"));
    }

    [Test]
    public void ShortLineNamesFileAndLine()
    {
        string folder = In(TinyBenchmarkTree.Sop);
        TinyBenchmarkTree.WriteSop(folder);
        TinyBenchmarkTree.Text(folder, "Ebay_train.txt", "image_id class_id super_class_id path", "1 1 1 bicycle_final/111085122871_0.JPG", "2 1");
        var ex = Assert.Throws<InvalidDataException>(() => StanfordOnlineProductsLoader.Load(folder));
        Assert.That(ex!.Message, Does.Contain("Ebay_train.txt:3:"));
    }
}
