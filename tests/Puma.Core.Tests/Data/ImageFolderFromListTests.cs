using NUnit.Framework;
using Puma.Data;

namespace Puma.Core.Tests.Data;

public class ImageFolderFromListTests
{
    [Test]
    public void ListBecomesADatasetWithDeclaredClasses()
    {
        var folder = ImageFolder.FromList("toy", "some/root", ["b", "a", "c"], [new ImageFolderSample("x.png", 2), new ImageFolderSample("y.png", 0)]);
        Assert.That(folder.NumClasses, Is.EqualTo(3));
        Assert.That(folder.Classes, Is.EqualTo(new[] { "b", "a", "c" }));
        Assert.That(folder.Root, Is.EqualTo(Path.GetFullPath("some/root")));
        Assert.That(folder.Samples.Select(s => s.Label), Is.EqualTo(new[] { 2, 0 }));
    }

    [Test]
    public void BadListsAreRejected()
    {
        var one = new[] { new ImageFolderSample("x.png", 0) };
        Assert.Throws<ArgumentException>(() => ImageFolder.FromList("toy", "r", [], one));
        Assert.Throws<ArgumentException>(() => ImageFolder.FromList("toy", "r", ["a", "a"], one));
        Assert.Throws<ArgumentException>(() => ImageFolder.FromList("toy", "r", ["a"], []));
        var ex = Assert.Throws<ArgumentException>(() => ImageFolder.FromList("toy", "r", ["a"], [new ImageFolderSample("z.png", 1)]));
        Assert.That(ex!.Message, Does.Contain("z.png").And.Contain("0..0"));
    }
}
