using NUnit.Framework;
using Puma.Data.Benchmarks;
using Puma.Testing;

namespace Puma.Core.Tests.Data.Benchmarks;

public class StanfordDogsLoaderTests : BenchmarkTestFolder
{
    [TestCase(false, TestName = "FileListMatGivesTheBreedSplit")]
    [TestCase(true, TestName = "TrainAndTestListsArePooledWhenFileListIsAbsent")]
    public void BreedSplit(bool splitLists)
    {
        string folder = In(TinyBenchmarkTree.Dogs);
        TinyBenchmarkTree.WriteDogs(folder, splitLists);
        BenchmarkDataset dogs = StanfordDogsLoader.Load(folder);

        Assert.That(dogs.Train.Classes, Is.EqualTo(new[] { "n02085620-Chihuahua", "n02085782-Japanese_spaniel" }));
        Assert.That(dogs.Test!.Classes, Is.EqualTo(new[] { "n02085936-Maltese_dog", "n02086079-Pekinese" }));
        var train = Samples(dogs.Train, folder).OrderBy(s => s.Item1, StringComparer.Ordinal);
        var test = Samples(dogs.Test, folder).OrderBy(s => s.Item1, StringComparer.Ordinal);
        Assert.That(train, Is.EqualTo(new[]
        {
            ("Images/" + TinyBenchmarkTree.DogFiles[0], 0), ("Images/" + TinyBenchmarkTree.DogFiles[1], 0), ("Images/" + TinyBenchmarkTree.DogFiles[2], 1),
        }));
        Assert.That(test, Is.EqualTo(new[]
        {
            ("Images/" + TinyBenchmarkTree.DogFiles[3], 0), ("Images/" + TinyBenchmarkTree.DogFiles[4], 1), ("Images/" + TinyBenchmarkTree.DogFiles[5], 1),
        }));
    }

    [Test]
    public void MissingListsNameFileList()
    {
        string folder = In(TinyBenchmarkTree.Dogs);
        TinyBenchmarkTree.WriteDogs(folder);
        File.Delete(Path.Combine(folder, "file_list.mat"));
        var ex = Assert.Throws<FileNotFoundException>(() => StanfordDogsLoader.Load(folder));
        Assert.That(ex!.Message, Does.Contain("file_list.mat").And.Contain("train_list.mat"));
    }

    [Test]
    public void MissingImageIsNamed()
    {
        string folder = In(TinyBenchmarkTree.Dogs);
        TinyBenchmarkTree.WriteDogs(folder);
        File.Delete(Path.Combine(folder, "Images", TinyBenchmarkTree.DogFiles[4]));
        var ex = Assert.Throws<FileNotFoundException>(() => StanfordDogsLoader.Load(folder));
        Assert.That(ex!.FileName, Is.EqualTo(Path.Combine(folder, "Images", TinyBenchmarkTree.DogFiles[4])));
    }
}
