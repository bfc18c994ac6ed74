using NUnit.Framework;
using Puma.Cli.OfflineBenchmark;

namespace Puma.Cli.Tests.OfflineBenchmark;

public class BenchmarkManifestTests
{
    private string root = "";

    [SetUp]
    public void CreateFolder() => root = Directory.CreateTempSubdirectory("puma-manifest-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(root, recursive: true);

    internal static BenchmarkManifest Sample() => new(BenchmarkManifest.CurrentFormatVersion, 77UL,
    [
        new DatasetManifest("kanji",
            [new SplitManifest("source", 3, 40), new SplitManifest("train", 4, 51), new SplitManifest("test", 2, 30)],
            ["ipa-gothic", "seto"], new Dictionary<string, string> { ["fonts-seto"] = "6.20-8" }, DroppedClasses: 5),
    ]);

    [Test]
    public void SaveThenLoadGivesTheSameCountsAndTheRootFolder()
    {
        Sample().Save(root);
        BenchmarkManifest loaded = BenchmarkManifest.Load(Path.Combine(root, BenchmarkManifest.FileName));
        Assert.That(loaded.Root, Is.EqualTo(Path.GetFullPath(root)));
        Assert.That(loaded.FormatVersion, Is.EqualTo(3));
        Assert.That(loaded.Seed, Is.EqualTo(77UL));
        Assert.That(loaded.Images("kanji", "train"), Is.EqualTo(51));
        Assert.That(loaded.Classes("kanji", "test"), Is.EqualTo(2));
        Assert.That(loaded.Images("emoji", "train"), Is.EqualTo(0));
        DatasetManifest kanji = loaded.Datasets.Single();
        Assert.That(kanji.Styles, Is.EqualTo(new[] { "ipa-gothic", "seto" }));
        Assert.That(kanji.Packages["fonts-seto"], Is.EqualTo("6.20-8"));
        Assert.That(kanji.DroppedClasses, Is.EqualTo(5));
        Assert.That(File.Exists(Path.Combine(root, BenchmarkManifest.FileName + ".tmp")), Is.False);
    }

    [Test]
    public void AManifestOfAnotherFormatVersionIsNotValid()
    {
        (Sample() with { FormatVersion = 99 }).Save(root);
        Assert.That(BenchmarkManifest.TryLoad(root), Is.Null);
        Assert.That(() => BenchmarkManifest.Load(Path.Combine(root, BenchmarkManifest.FileName)),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("format version 3"));
    }

    [Test]
    public void AnEmptyStyleListSurvivesTheRoundTripAndMarksADatasetWithoutAStyleAxis()
    {
        var digits = new DatasetManifest("digits",
            [new SplitManifest("source", 0, 0), new SplitManifest("train", 5, 300), new SplitManifest("test", 5, 300)],
            [], new Dictionary<string, string> { ["mnist"] = "1.1.0" }, DroppedClasses: 0);
        (Sample() with { Datasets = [.. Sample().Datasets, digits] }).Save(root);
        Assert.That(File.ReadAllText(Path.Combine(root, BenchmarkManifest.FileName)), Does.Contain("\"styles\": []"));
        BenchmarkManifest loaded = BenchmarkManifest.Load(Path.Combine(root, BenchmarkManifest.FileName));
        Assert.That(loaded.Datasets.Select(d => (d.Name, d.Styles.Count)), Is.EqualTo(new[] { ("kanji", 2), ("digits", 0) }));
        Assert.That(loaded.Images("digits", "test"), Is.EqualTo(300));
    }

    [Test]
    public void ATruncatedManifestIsNotValid()
    {
        File.WriteAllText(Path.Combine(root, BenchmarkManifest.FileName), "{\"formatVersion\": 1, \"datas");
        Assert.That(BenchmarkManifest.TryLoad(root), Is.Null);
        Assert.That(BenchmarkManifest.TryLoad(Path.Combine(root, "missing")), Is.Null);
    }
}
