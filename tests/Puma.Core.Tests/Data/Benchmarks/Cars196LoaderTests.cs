using NUnit.Framework;
using Puma.Data.Benchmarks;
using Puma.Testing;

namespace Puma.Core.Tests.Data.Benchmarks;

public class Cars196LoaderTests : BenchmarkTestFolder
{
    private static readonly string[] ClassNames = ["AM General Hummer SUV 2000", "Acura RL Sedan 2012", "Acura TL Sedan 2012", "Acura TL Type-S 2008"];

    [Test]
    public void CarsAnnosMatGivesTheClassSplit()
    {
        string folder = In(TinyBenchmarkTree.Cars);
        TinyBenchmarkTree.WriteCars(folder);
        BenchmarkDataset cars = Cars196Loader.Load(folder);

        Assert.That(cars.Train.Classes, Is.EqualTo(ClassNames[..2]));
        Assert.That(cars.Test!.Classes, Is.EqualTo(ClassNames[2..]));
        Assert.That(Samples(cars.Train, folder), Is.EqualTo(new[] { ("car_ims/000001.jpg", 0), ("car_ims/000002.jpg", 0), ("car_ims/000003.jpg", 1) }));
        Assert.That(Samples(cars.Test, folder), Is.EqualTo(new[] { ("car_ims/000004.jpg", 0), ("car_ims/000005.jpg", 1), ("car_ims/000006.jpg", 1) }));
    }

    [Test]
    public void DevkitLayoutIsReadWhenCarsAnnosIsAbsent()
    {
        string folder = In(TinyBenchmarkTree.Cars);
        TinyBenchmarkTree.WriteCarsDevkit(folder);
        BenchmarkDataset cars = Cars196Loader.Load(folder);

        Assert.That(cars.Train.Classes, Is.EqualTo(ClassNames[..2]));
        Assert.That(Samples(cars.Train, folder), Is.EqualTo(new[] { ("cars_train/00001.jpg", 0), ("cars_test/00001.jpg", 1) }));
        Assert.That(Samples(cars.Test!, folder), Is.EqualTo(new[]
        {
            ("cars_train/00002.jpg", 0), ("cars_train/00003.jpg", 1), ("cars_test/00002.jpg", 1),
        }));
    }

    [Test]
    public void NeitherLayoutNamesTheMissingFile()
    {
        string folder = In(TinyBenchmarkTree.Cars);
        Directory.CreateDirectory(folder);
        var ex = Assert.Throws<FileNotFoundException>(() => Cars196Loader.Load(folder));
        Assert.That(ex!.FileName, Is.EqualTo(Path.Combine(folder, "cars_annos.mat")));
    }

    [Test]
    public void AnnotationFileThatIsNotAMatFileIsReported()
    {
        string folder = In(TinyBenchmarkTree.Cars);
        TinyBenchmarkTree.WriteCars(folder);
        File.WriteAllText(Path.Combine(folder, "cars_annos.mat"), "not a mat file");
        var ex = Assert.Throws<InvalidDataException>(() => Cars196Loader.Load(folder));
        Assert.That(ex!.Message, Does.Contain("cars_annos.mat"));
    }
}
