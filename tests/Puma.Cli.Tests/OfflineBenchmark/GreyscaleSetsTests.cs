using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;
using Puma.Cli.OfflineBenchmark;
using Puma.Data;

namespace Puma.Cli.Tests.OfflineBenchmark;

public class GreyscaleSetsTests
{
    private string downloads = "";

    [SetUp]
    public void CreateFolder() => downloads = Directory.CreateTempSubdirectory("puma-grey-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(downloads, recursive: true);

    /// <summary>A 28×28 image, black but for a bright 4×8 bar at (x, 10) whose value encodes <paramref name="tone"/>.</summary>
    private static byte[] Bar(int x, byte tone)
    {
        var pixels = new byte[28 * 28];
        for (int y = 10; y < 18; y++)
        {
            for (int dx = 0; dx < 4; dx++)
            {
                pixels[y * 28 + x + dx] = tone;
            }
        }
        return pixels;
    }

    [Test]
    public void ASampleKeepsAtMostNPerClassInFileOrderAndDependsOnTheSeed()
    {
        int[] labels = Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? 0 : 1).Append(2).ToArray(); // 100 × 0, 200 × 1, 1 × 2
        var chosen = GreyscaleSample.Choose(labels, perClass: 10, seed: 7);
        Assert.That(chosen.Keys, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(chosen.Values.Select(c => c.Count), Is.EqualTo(new[] { 10, 10, 1 }));
        Assert.That(chosen[0].All(i => labels[i] == 0) && chosen[1].All(i => labels[i] == 1), Is.True);
        Assert.That(chosen[0], Is.Ordered);
        Assert.That(chosen[0], Is.Unique);
        Assert.That(GreyscaleSample.Choose(labels, 10, 7)[1], Is.EqualTo(chosen[1]), "same seed, same sample");
        Assert.That(GreyscaleSample.Choose(labels, 10, 8)[1], Is.Not.EqualTo(chosen[1]), "another seed, another sample");
        Assert.That(chosen[0], Is.Not.EqualTo(Enumerable.Range(0, 10).Select(i => 3 * i)), "not simply the first ten");
        Assert.That(GreyscaleSample.ImageName(1234), Is.EqualTo("i01234"));
    }

    [Test]
    public void AnImageIsInvertedCroppedToItsInkAndFittedOnWhite()
    {
        RgbImage image = GreyscaleSource.Render(Bar(3, 200), 28, 28)!;
        Assert.That((image.Width, image.Height), Is.EqualTo((112, 112)));
        Assert.That(image.GetPixel(0, 0), Is.EqualTo(((byte)255, (byte)255, (byte)255)));
        // The 4×8 bar is scaled to 50×100 and centred: columns 31..80, rows 6..105, tone 255 − 200 = 55.
        Assert.That(image.GetPixel(56, 56), Is.EqualTo(((byte)55, (byte)55, (byte)55)));
        Assert.That(image.GetPixel(20, 56), Is.EqualTo(((byte)255, (byte)255, (byte)255)));
        Assert.That(image.GetPixel(56, 2), Is.EqualTo(((byte)255, (byte)255, (byte)255)));
        Assert.That(GreyscaleSource.Render(new byte[28 * 28], 28, 28), Is.Null, "an all-black image has nothing to show");
        Assert.That(() => GreyscaleSource.Render(new byte[10], 28, 28), Throws.ArgumentException);
    }

    [Test]
    public async Task FashionReadsTheTestFilesAndNamesClassesByLabel()
    {
        string folder = Path.Combine(downloads, "unpacked", "dataset-fashion-mnist", "usr", "share", "datasets", "fashion-mnist");
        Directory.CreateDirectory(folder);
        int count = 30; // three per label
        var images = new List<byte>();
        var labels = new List<byte>();
        for (int i = 0; i < count; i++)
        {
            images.AddRange(Bar(i % 20, (byte)(100 + i)));
            labels.Add((byte)(i % 10));
        }
        WriteIdxGz(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), [count, 28, 28], images);
        WriteIdxGz(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), [count], labels);

        var classes = await new FashionSet().CollectAsync(new PackageCache(downloads, NullLogger.Instance), NullLogger.Instance, CancellationToken.None);

        Assert.That(classes.Keys.Order(StringComparer.Ordinal).First(), Is.EqualTo("0-tshirt-top"));
        Assert.That(classes.Keys, Does.Contain("9-ankle-boot"));
        Assert.That(classes.Values.Select(r => r.Count), Is.All.EqualTo(3));
        Assert.That(classes["3-dress"].Select(r => r.Style), Is.EqualTo(new[] { "i00003", "i00013", "i00023" }));
        RgbImage image = (await classes["3-dress"][1].RenderAsync(CancellationToken.None))!;
        Assert.That(image.GetPixel(56, 56), Is.EqualTo(((byte)(255 - 113), (byte)(255 - 113), (byte)(255 - 113))), "item 13, tone 113");
    }

    [Test]
    public void FashionRefusesImagesOfAnotherSizeOrMissingLabels()
    {
        var images = new IdxArray([2, 28, 28], new byte[2 * 784]);
        Assert.That(() => FashionSet.Check(new IdxArray([2, 27, 29], new byte[2 * 27 * 29]), new IdxArray([2], [0, 1]), "img.gz", "lab.gz"),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("img.gz"));
        Assert.That(() => FashionSet.Check(images, new IdxArray([3], [0, 1, 2]), "img.gz", "lab.gz"),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("lab.gz"));
        Assert.That(() => FashionSet.Check(images, new IdxArray([2], [0, 10]), "img.gz", "lab.gz"),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("label beyond 9"));
        Assert.That(() => FashionSet.Check(images, new IdxArray([2], [0, 9]), "img.gz", "lab.gz"), Throws.Nothing);
    }

    [Test]
    public async Task DigitsReadTheTenJsonFilesAsBytes()
    {
        string folder = Path.Combine(downloads, "unpacked", "mnist", "package", "src", "digits");
        Directory.CreateDirectory(folder);
        for (int digit = 0; digit < 10; digit++)
        {
            // Two images per digit; the second one's bar has the value 0.502 (→ 128).
            IEnumerable<double> values = Bar(digit, 255).Concat(Bar(digit + 10, 128)).Select(v => v == 128 ? 0.502 : v / 255.0);
            File.WriteAllText(Path.Combine(folder, $"{digit}.json"),
                "{ \"data\": [" + string.Join(",", values.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture))) + "] }");
        }

        var classes = await new DigitsSet().CollectAsync(new PackageCache(downloads, NullLogger.Instance), NullLogger.Instance, CancellationToken.None);

        Assert.That(classes.Keys.Order(StringComparer.Ordinal), Is.EqualTo(Enumerable.Range(0, 10).Select(d => $"digit-{d}")));
        Assert.That(classes["digit-4"].Select(r => r.Style), Is.EqualTo(new[] { "i00008", "i00009" }), "indices run over the ten files in order");
        RgbImage image = (await classes["digit-4"][1].RenderAsync(CancellationToken.None))!;
        Assert.That(image.GetPixel(56, 56), Is.EqualTo(((byte)127, (byte)127, (byte)127)), "round(0.502 · 255) = 128, inverted");
    }

    [TestCase("[1, 2]", "\"data\" array", TestName = "A digit file that is not an object is refused")]
    [TestCase("{ \"data\": [0.5, 0.5] }", "multiple of 28", TestName = "A digit file of a partial image is refused")]
    [TestCase("{ \"data\": [", "not valid JSON", TestName = "A truncated digit file is refused")]
    public void BadDigitFilesAreRefusedNamingTheFile(string json, string reason)
    {
        Assert.That(async () => await DigitsSet.ReadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), "7.json", CancellationToken.None),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("7.json").And.Message.Contains(reason));
    }

    [Test]
    public void ADigitValueOutsideZeroToOneIsRefused()
    {
        string json = "{ \"data\": [" + string.Join(",", Enumerable.Repeat("0", 783).Append("1.5")) + "] }";
        Assert.That(async () => await DigitsSet.ReadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), "7.json", CancellationToken.None),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("value 783 is 1.5"));
    }

    [Test]
    public void TheNewSetsAreSmallClassDisjointAndWithoutAStyleAxis()
    {
        var sets = OfflineBenchmarkPreparer.DefaultSets().ToDictionary(s => s.Name);
        Assert.That(sets.Values.Count(s => s.Sizes.Train > 0 && s.Sizes.Test > 0), Is.GreaterThanOrEqualTo(6));
        Assert.That((sets["fashion"].Sizes, sets["digits"].Sizes), Is.EqualTo((new SplitSizes(0, 5, 5), new SplitSizes(0, 5, 5))));
        Assert.That(sets.Where(s => !s.Value.HasStyleAxis).Select(s => s.Key).Order(),
            Is.EqualTo(new[] { "clipart", "digits", "fashion", "tuxpaint" }));
        var split = BenchmarkSplits.Assign(Enumerable.Range(0, 10).ToDictionary(d => $"digit-{d}", _ => 60), sets["digits"].Sizes, OfflineBenchmarkPreparer.Seed);
        Assert.That(split.Splits.Select(s => s.Value.Count), Is.EqualTo(new[] { 0, 5, 5 }));
        Assert.That(split.Splits[1].Value.Intersect(split.Splits[2].Value), Is.Empty);
    }

    private static void WriteIdxGz(string path, int[] dimensions, IEnumerable<byte> values)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        Span<byte> word = stackalloc byte[4];
        gzip.Write([0, 0, 8, (byte)dimensions.Length]);
        foreach (int d in dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, d);
            gzip.Write(word);
        }
        gzip.Write(values.ToArray());
    }
}
