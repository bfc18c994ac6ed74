using NUnit.Framework;
using Puma.Data;

namespace Puma.Core.Tests.Data;

/// <summary>Options that would silently find no image (or skip for an unknown reason) are refused by name.</summary>
public class ImageFolderOptionsTests
{
    private string root = "";

    [SetUp]
    public void CreateFolder()
    {
        root = TestImages.NewTempFolder();
        Directory.CreateDirectory(Path.Combine(root, "a"));
        File.WriteAllBytes(Path.Combine(root, "a", "0.png"), TestImages.RgbaPng(2, 2, TestImages.Solid(2, 2, 1, 2, 3)));
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(root, recursive: true);

    [Test]
    public void AnExtensionWithoutItsDotIsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => ImageFolder.Load(root, "d", new ImageFolderOptions { Extensions = ["png"] }))!;
        Assert.That(error.Message, Does.Contain("'png'").And.Contain("dot"));
        Assert.That(error.ParamName, Is.EqualTo("Extensions"));
    }

    [Test]
    public void NoExtensionOrAnUnknownHandlingIsRefused()
    {
        Assert.Throws<ArgumentException>(() => ImageFolder.Load(root, "d", new ImageFolderOptions { Extensions = [] }));
        Assert.Throws<ArgumentException>(() => ImageFolder.Load(root, "d", new ImageFolderOptions { Extensions = null! }));
        var unknown = Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolder.Load(root, "d", new ImageFolderOptions { EmptyClasses = (EmptyClassHandling)5 }))!;
        Assert.That(unknown.ParamName, Is.EqualTo("EmptyClasses"));
        Assert.That(ImageFolder.Load(root, "d", new ImageFolderOptions { Extensions = [".PNG"] }).Samples, Has.Count.EqualTo(1), "case-insensitive");
    }
}
