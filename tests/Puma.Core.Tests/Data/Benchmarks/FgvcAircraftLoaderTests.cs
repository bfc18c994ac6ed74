using NUnit.Framework;
using Puma.Data.Benchmarks;
using Puma.Testing;

namespace Puma.Core.Tests.Data.Benchmarks;

public class FgvcAircraftLoaderTests : BenchmarkTestFolder
{
    [TestCase(false, TestName = "TrainValAndTestListsArePooledInPumaOrder")]
    [TestCase(true, TestName = "TrainvalListIsUsedWhenTrainAndValAreAbsent")]
    public void PumaOrder(bool trainval)
    {
        string folder = In(TinyBenchmarkTree.Aircraft);
        TinyBenchmarkTree.WriteAircraft(folder, trainval);
        BenchmarkDataset aircraft = FgvcAircraftLoader.Load(folder);

        // variants.txt reads 707-320, BAE 146-200, BAE-125, Cessna 172; PUMA sorts "BAE_146-200" after "BAE-125".
        Assert.That(aircraft.Train.Classes, Is.EqualTo(new[] { "707-320", "BAE-125" }));
        Assert.That(aircraft.Test!.Classes, Is.EqualTo(new[] { "BAE 146-200", "Cessna 172" }));
        Assert.That(Samples(aircraft.Train, folder), Is.EqualTo(new[]
        {
            ("data/images/1025794.jpg", 0), ("data/images/0056978.jpg", 1), ("data/images/1701234.jpg", 0), ("data/images/0123456.jpg", 1),
        }));
        Assert.That(Samples(aircraft.Test, folder), Is.EqualTo(new[] { ("data/images/1340192.jpg", 0), ("data/images/0062765.jpg", 1) }));
    }

    [Test]
    public void UnknownVariantNamesFileAndLine()
    {
        string folder = In(TinyBenchmarkTree.Aircraft);
        TinyBenchmarkTree.WriteAircraft(folder);
        TinyBenchmarkTree.Text(Path.Combine(folder, "data"), "images_variant_test.txt", "1701234 707-320", "0123456 Concorde");
        var ex = Assert.Throws<InvalidDataException>(() => FgvcAircraftLoader.Load(folder));
        Assert.That(ex!.Message, Does.Contain("images_variant_test.txt:2:").And.Contain("'Concorde'"));
    }

    [Test]
    public void ImageInTwoListsIsRejected()
    {
        string folder = In(TinyBenchmarkTree.Aircraft);
        TinyBenchmarkTree.WriteAircraft(folder);
        TinyBenchmarkTree.Text(Path.Combine(folder, "data"), "images_variant_test.txt", "1025794 707-320");
        var ex = Assert.Throws<InvalidDataException>(() => FgvcAircraftLoader.Load(folder));
        Assert.That(ex!.Message, Does.Contain("images_variant_test.txt:1:").And.Contain("listed twice"));
    }

    [Test]
    public void MissingVariantsNamesItself()
    {
        string folder = In(TinyBenchmarkTree.Aircraft);
        TinyBenchmarkTree.WriteAircraft(folder);
        File.Delete(Path.Combine(folder, "data", "variants.txt"));
        var ex = Assert.Throws<FileNotFoundException>(() => FgvcAircraftLoader.Load(folder));
        Assert.That(ex!.FileName, Is.EqualTo(Path.Combine(folder, "data", "variants.txt")));
    }
}
