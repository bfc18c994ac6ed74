using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Puma.Data;

namespace Puma.Core.Tests.Data;

public class ImageFolderTests
{
    private string _root = "";

    [SetUp]
    public void CreateFolder() => _root = TestImages.NewTempFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_root, recursive: true);

    private void Touch(string relative)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0]);
    }

    [Test]
    public void ClassesAreSortedOrdinallyAndLabelledInOrder()
    {
        Touch("b/2.png");
        Touch("b/1.JPG");
        Touch("a/x.webp");
        Touch("B/sub/y.gif");
        Touch("a/notes.txt");
        Touch("a/.hidden.png");
        ImageFolder folder = ImageFolder.Load(_root, "toy");

        Assert.That(folder.Classes, Is.EqualTo(new[] { "B", "a", "b" }));
        Assert.That(folder.NumClasses, Is.EqualTo(3));
        Assert.That(folder.Samples.Select(s => (Path.GetRelativePath(_root, s.Path), s.Label)), Is.EqualTo(new[]
        {
            (Path.Combine("B", "sub", "y.gif"), 0),
            (Path.Combine("a", "x.webp"), 1),
            (Path.Combine("b", "1.JPG"), 2),
            (Path.Combine("b", "2.png"), 2),
        }));
    }

    [Test]
    public void MissingRootThrows() =>
        Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.Load(Path.Combine(_root, "absent"), "toy"));

    [Test]
    public void RootWithoutClassFoldersThrows()
    {
        Touch("loose.png");
        var ex = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(_root, "toy"));
        Assert.That(ex!.Message, Does.Contain("no class folders"));
    }

    [Test]
    public void EmptyClassThrowsByDefault()
    {
        Touch("a/1.png");
        Directory.CreateDirectory(Path.Combine(_root, "empty"));
        var ex = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(_root, "toy"));
        Assert.That(ex!.Message, Does.Contain("empty"));
    }

    [Test]
    public void EmptyClassCanBeSkippedWithAWarning()
    {
        Touch("a/1.png");
        Touch("c/1.png");
        Directory.CreateDirectory(Path.Combine(_root, "b"));
        var logger = new RecordingLogger();
        ImageFolder folder = ImageFolder.Load(_root, "toy", new ImageFolderOptions { EmptyClasses = EmptyClassHandling.SkipWithWarning }, logger);
        Assert.That(folder.Classes, Is.EqualTo(new[] { "a", "c" }));
        Assert.That(folder.Samples.Select(s => s.Label), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(logger.Warnings, Has.Count.EqualTo(1).And.Some.Contain("b"));
    }

    [Test]
    public void NoImageAtAllThrows()
    {
        Directory.CreateDirectory(Path.Combine(_root, "a"));
        Touch("b/readme.txt");
        var ex = Assert.Throws<InvalidDataException>(() =>
            ImageFolder.Load(_root, "toy", new ImageFolderOptions { EmptyClasses = EmptyClassHandling.SkipWithWarning }));
        Assert.That(ex!.Message, Does.Contain("no image"));
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
