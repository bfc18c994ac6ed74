using NUnit.Framework;
using Puma.Data.Benchmarks;
using Puma.Testing;

namespace Puma.Core.Tests.Data.Benchmarks;

public class CubLoaderTests : BenchmarkTestFolder
{
    [Test]
    public void FirstHalfOfTheSortedClassesTrainsAndImagesFollowImagesTxt()
    {
        string folder = In(TinyBenchmarkTree.Cub);
        TinyBenchmarkTree.WriteCub(folder);
        BenchmarkDataset cub = CubLoader.Load(folder);

        Assert.That(cub.Name, Is.EqualTo("CUB"));
        Assert.That(cub.Train.Classes, Is.EqualTo(new[] { "001.Black_footed_Albatross", "002.Laysan_Albatross" }));
        Assert.That(cub.Test!.Classes, Is.EqualTo(new[] { "003.Sooty_Albatross", "004.Groove_billed_Ani" }));
        Assert.That(Samples(cub.Train, folder), Is.EqualTo(new[]
        {
            ("images/001.Black_footed_Albatross/Black_Footed_Albatross_0046_18.jpg", 0),
            ("images/001.Black_footed_Albatross/Black_Footed_Albatross_0009_34.jpg", 0),
            ("images/002.Laysan_Albatross/Laysan_Albatross_0002_1027.jpg", 1),
        }));
        // images.txt lists image 5 (class 4) before image 4 (class 3): the order of images.txt is kept, labels follow the ids.
        Assert.That(Samples(cub.Test, folder), Is.EqualTo(new[]
        {
            ("images/004.Groove_billed_Ani/Groove_Billed_Ani_0002_1670.jpg", 1),
            ("images/003.Sooty_Albatross/Sooty_Albatross_0031_1066.jpg", 0),
            ("images/004.Groove_billed_Ani/Groove_Billed_Ani_0003_1031.jpg", 1),
        }));
        Assert.That(cub.Splits.Select(s => s.Name), Is.EqualTo(new[] { "train", "test" }));
        Assert.That(cub.HasSeparateQueryGallery, Is.False);
        Assert.That(cub.TestQueries, Is.SameAs(cub.Test));
        Assert.That(cub.TestGallery, Is.SameAs(cub.Test));
    }

    [Test]
    public void MissingAnnotationFileNamesItself()
    {
        string folder = In(TinyBenchmarkTree.Cub);
        TinyBenchmarkTree.WriteCub(folder);
        File.Delete(Path.Combine(folder, "image_class_labels.txt"));
        var ex = Assert.Throws<FileNotFoundException>(() => CubLoader.Load(folder));
        Assert.That(ex!.FileName, Is.EqualTo(Path.Combine(folder, "image_class_labels.txt")));
        Assert.That(ex.Message, Does.Contain("image_class_labels.txt"));
    }

    [Test]
    public void MissingFolderNamesItself()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => CubLoader.Load(In("absent")));
        Assert.That(ex!.Message, Does.Contain("CUB").And.Contain("absent"));
    }

    [Test]
    public void MalformedLineNamesFileAndLineNumber()
    {
        string folder = In(TinyBenchmarkTree.Cub);
        TinyBenchmarkTree.WriteCub(folder);
        TinyBenchmarkTree.Text(folder, "image_class_labels.txt", "1 1", "2 1", "3 two", "4 3", "5 4", "6 4");
        var ex = Assert.Throws<InvalidDataException>(() => CubLoader.Load(folder));
        Assert.That(ex!.Message, Does.StartWith(Path.Combine(folder, "image_class_labels.txt") + ":3:").And.Contain("'two'"));
    }

    [Test]
    public void UnknownClassAndUnlabelledImageAreReported()
    {
        string folder = In(TinyBenchmarkTree.Cub);
        TinyBenchmarkTree.WriteCub(folder);
        TinyBenchmarkTree.Text(folder, "image_class_labels.txt", "1 1", "2 1", "3 2", "4 3", "5 9", "6 4");
        Assert.That(Assert.Throws<InvalidDataException>(() => CubLoader.Load(folder))!.Message, Does.Contain(":5:").And.Contain("class id 9"));

        TinyBenchmarkTree.Text(folder, "image_class_labels.txt", "1 1", "2 1", "3 2", "4 3", "5 4");
        Assert.That(Assert.Throws<InvalidDataException>(() => CubLoader.Load(folder))!.Message,
            Does.Contain("images.txt:6:").And.Contain("'6' has no line"));
    }

    [Test]
    public void MissingImageIsNamedWithTheCount()
    {
        string folder = In(TinyBenchmarkTree.Cub);
        TinyBenchmarkTree.WriteCub(folder);
        string gone = Path.Combine(folder, "images", "002.Laysan_Albatross", "Laysan_Albatross_0002_1027.jpg");
        File.Delete(gone);
        var ex = Assert.Throws<FileNotFoundException>(() => CubLoader.Load(folder));
        Assert.That(ex!.FileName, Is.EqualTo(gone));
        Assert.That(ex.Message, Does.Contain("1 of the 6 images"));
    }

    [Test]
    public void ClassWithoutImageIsAnError()
    {
        string folder = In(TinyBenchmarkTree.Cub);
        TinyBenchmarkTree.WriteCub(folder);
        TinyBenchmarkTree.Text(folder, "classes.txt",
            "1 001.Black_footed_Albatross", "2 002.Laysan_Albatross", "3 003.Sooty_Albatross", "4 004.Groove_billed_Ani", "5 005.Crested_Auklet");
        var ex = Assert.Throws<InvalidDataException>(() => CubLoader.Load(folder));
        Assert.That(ex!.Message, Does.Contain("'005.Crested_Auklet' has no image"));
    }
}
