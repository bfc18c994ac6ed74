using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;
using Puma.Cli.OfflineBenchmark;
using Puma.Data;

namespace Puma.Cli.Tests.OfflineBenchmark;

public class OfflineBenchmarkPreparerTests
{
    private string cacheRoot = "";

    private string Root => Path.Combine(cacheRoot, OfflineBenchmarkPreparer.FolderName);

    [SetUp]
    public void CreateFolder() => cacheRoot = Directory.CreateTempSubdirectory("puma-prepare-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(cacheRoot, recursive: true);

    [Test]
    public async Task AValidManifestIsReturnedWithoutAnyWork()
    {
        Directory.CreateDirectory(Root);
        BenchmarkManifestTests.Sample().Save(Root);
        BenchmarkManifest manifest = await OfflineBenchmarkPreparer.PrepareAsync(
            cacheRoot, [new UntouchableSet()], NullLogger.Instance, progress: null, CancellationToken.None);
        Assert.That(manifest.Root, Is.EqualTo(Root));
        Assert.That(manifest.Images("kanji", "train"), Is.EqualTo(51));
        Assert.That(Directory.Exists(Path.Combine(cacheRoot, "downloads")), Is.False);
    }

    [Test]
    public async Task AHalfWrittenTreeIsWipedAndEverySplitIsWritten()
    {
        string stale = Path.Combine(Root, "fake", "train", "old", "x.png");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "not a png");

        BenchmarkManifest manifest = await OfflineBenchmarkPreparer.PrepareAsync(
            cacheRoot, [new FakeSet()], NullLogger.Instance, progress: null, CancellationToken.None);

        Assert.That(File.Exists(stale), Is.False);
        Assert.That(File.Exists(Path.Combine(Root, BenchmarkManifest.FileName)), Is.True);
        DatasetManifest fake = manifest.Datasets.Single();
        Assert.That(fake.Splits.Select(s => (s.Name, s.Classes, s.Images)),
            Is.EqualTo(new[] { ("source", 2, 4), ("train", 2, 4), ("test", 2, 4) }));
        Assert.That(fake.Styles, Is.EqualTo(new[] { "blue", "red" }));
        Assert.That(fake.DroppedClasses, Is.EqualTo(1)); // "lonely" has one image
        var folders = SplitSizes.Names.SelectMany(s => Directory.GetDirectories(Path.Combine(Root, "fake", s)).Select(Path.GetFileName)).ToList();
        Assert.That(folders.Distinct().Count(), Is.EqualTo(6));
        Assert.That(folders, Does.Not.Contain("lonely"));
        string png = Directory.EnumerateFiles(Path.Combine(Root, "fake"), "red.png", SearchOption.AllDirectories).First();
        RgbImage image = ImageDecoder.Decode(png);
        Assert.That((image.Width, image.Height), Is.EqualTo((112, 112)));
        Assert.That(image.GetPixel(0, 0), Is.EqualTo(((byte)255, (byte)255, (byte)255)));
        Assert.That(image.GetPixel(56, 56), Is.EqualTo(((byte)255, (byte)0, (byte)0)));

        // A second run finds the manifest and returns the same counts.
        BenchmarkManifest again = await OfflineBenchmarkPreparer.PrepareAsync(
            cacheRoot, [new UntouchableSet()], NullLogger.Instance, progress: null, CancellationToken.None);
        Assert.That(again.Images("fake", "test"), Is.EqualTo(4));
    }

    [Test]
    public async Task ADatasetWithoutAStyleAxisGetsAnEmptyStyleListButKeepsItsFileNames()
    {
        BenchmarkManifest manifest = await OfflineBenchmarkPreparer.PrepareAsync(
            cacheRoot, [new FakeSet { HasStyleAxis = false }], NullLogger.Instance, progress: null, CancellationToken.None);
        Assert.That(manifest.Datasets.Single().Styles, Is.Empty);
        Assert.That(manifest.Images("fake", "train"), Is.EqualTo(4));
        Assert.That(Directory.EnumerateFiles(Path.Combine(Root, "fake"), "*.png", SearchOption.AllDirectories).Select(Path.GetFileName).Distinct(),
            Is.EquivalentTo(new[] { "red.png", "blue.png" }));
        Assert.That(BenchmarkManifest.TryLoad(Root)!.Datasets.Single().Styles, Is.Empty);
    }

    /// <summary>Seven classes drawn in two colours, and one class with a single image.</summary>
    private sealed class FakeSet : IBenchmarkSet
    {
        public string Name => "fake";

        public SplitSizes Sizes { get; } = new(2, 2, 2);

        public bool HasStyleAxis { get; init; } = true;

        public IReadOnlyList<PackageSource> Packages { get; } = [];

        public Task<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>> CollectAsync(PackageCache cache, ILogger logger, CancellationToken ct)
        {
            var classes = Enumerable.Range(0, 7).ToDictionary(
                i => $"class{i}",
                i => (IReadOnlyList<ImageRecipe>)[Recipe("red", 255, 0, 0, 10 + i), Recipe("blue", 0, 0, 255, 20 + i)]);
            classes["lonely"] = [Recipe("red", 255, 0, 0, 5)];
            return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>>(classes);
        }

        private static ImageRecipe Recipe(string style, byte r, byte g, byte b, int width) =>
            new(style, _ => Task.FromResult<RgbImage?>(SquareImages.FitRgb(RgbImage.Filled(width, 30, r, g, b))));
    }

    /// <summary>Fails the test when the preparer touches it.</summary>
    private sealed class UntouchableSet : IBenchmarkSet
    {
        public string Name => "untouchable";

        public SplitSizes Sizes => throw new AssertionException("Sizes read");

        public bool HasStyleAxis => throw new AssertionException("HasStyleAxis read");

        public IReadOnlyList<PackageSource> Packages => throw new AssertionException("Packages read");

        public Task<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>> CollectAsync(PackageCache cache, ILogger logger, CancellationToken ct) =>
            throw new AssertionException("CollectAsync called");
    }
}
