using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;
using Puma.Cli.OfflineBenchmark;
using Puma.Data;
using SkiaSharp;

namespace Puma.Cli.Tests.OfflineBenchmark;

public class TuxPaintSetTests
{
    private string downloads = "";
    private string stamps = "";
    private int colour;

    [SetUp]
    public void CreateFolder()
    {
        downloads = Directory.CreateTempSubdirectory("puma-tuxpaint-").FullName;
        stamps = Path.Combine(downloads, "unpacked", TuxPaintSet.Package, "usr", "share", "tuxpaint", "stamps");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(downloads, recursive: true);

    [Test]
    public void StyleFoldersJoinTheirParentCategory()
    {
        Assert.That(TuxPaintSet.Category("food/fruit/cartoon"), Is.EqualTo("food/fruit"));
        Assert.That(TuxPaintSet.Category("animals/birds"), Is.EqualTo("animals/birds"));
        Assert.That(TuxPaintSet.Category("cartoonish"), Is.EqualTo("cartoonish"));
        Assert.That(TuxPaintSet.Category("symbols/alphabets/english/outlined/uppercase"), Is.EqualTo("symbols/alphabets/english/uppercase"));
    }

    [Test]
    public async Task StampsAreGroupedByCategoryWithoutVariantsFallbacksOrSmallCategories()
    {
        Png("animals/birds/robin.png");
        Png("animals/birds/robin_mirror.png");             // Tux Paint's mirrored variant
        Png("animals/birds/crow.png");
        Png("animals/birds/wren.png");
        Svg("animals/birds/owl.svg");
        Png("animals/birds/owl.png");                      // the raster fallback of owl.svg
        Png("food/fruit/apple.png");
        Png("food/fruit/pear.png");
        Png("food/fruit/cartoon/apple.png");               // same name, another drawing
        File.Copy(Path.Combine(stamps, "animals/birds/crow.png"), Path.Combine(stamps, "food/fruit/cartoon/crow.png")); // same file, deeper
        Png("household/cup.png");
        Png("household/fork.png");                         // only two: too small
        Png("top.png");                                    // outside any category
        File.WriteAllText(Path.Combine(stamps, "food/fruit/apple.txt"), "description");

        var classes = await new TuxPaintSet().CollectAsync(new PackageCache(downloads, NullLogger.Instance), NullLogger.Instance, CancellationToken.None);

        Assert.That(classes.Keys.Order(StringComparer.Ordinal), Is.EqualTo(new[] { "animals--birds", "food--fruit" }));
        Assert.That(classes["animals--birds"].Select(r => r.Style).Order(), Is.EqualTo(new[] { "owl", "robin", "wren" }), "crow moved to its deeper copy");
        var fruit = classes["food--fruit"].Select(r => r.Style).Order().ToList();
        Assert.That(fruit, Has.Count.EqualTo(4));
        Assert.That(fruit.Count(s => s.StartsWith("apple-", StringComparison.Ordinal)), Is.EqualTo(2), "two apples: names get their hash");
        Assert.That(fruit, Does.Contain("crow").And.Contain("pear"));
        RgbImage owl = (await classes["animals--birds"].Single(r => r.Style == "owl").RenderAsync(CancellationToken.None))!;
        Assert.That((owl.Width, owl.Height), Is.EqualTo((112, 112)));
        Assert.That(owl.GetPixel(56, 56), Is.EqualTo(((byte)0, (byte)128, (byte)0)), "the SVG is rendered in-process");
        Assert.That(owl.GetPixel(1, 1), Is.EqualTo(((byte)255, (byte)255, (byte)255)));
    }

    [Test]
    public void CategoriesAreCappedAndTheSetHasNoStyleAxis()
    {
        var set = new TuxPaintSet();
        Assert.That(set.HasStyleAxis, Is.False);
        Assert.That(set.Packages.Single().Name, Is.EqualTo("tuxpaint-stamps-default"));
        for (int i = 0; i < TuxPaintSet.MaxImagesPerClass + 4; i++)
        {
            Png($"town/houses/house{i:D2}.png");
        }
        var classes = set.CollectAsync(new PackageCache(downloads, NullLogger.Instance), NullLogger.Instance, CancellationToken.None).Result;
        Assert.That(classes["town--houses"], Has.Count.EqualTo(TuxPaintSet.MaxImagesPerClass));
    }

    [Test]
    public void NearCopiesAreFoundAndOtherDrawingsAreNot()
    {
        RgbImage Fitted(int w, int h, byte r, byte g, byte b, int holeX = -1)
        {
            var image = RgbImage.Filled(w, h, r, g, b);
            if (holeX >= 0)
            {
                for (int y = 0; y < h; y++)
                {
                    for (int x = holeX; x < Math.Min(w, holeX + w / 3); x++)
                    {
                        image.Pixels[(y * w + x) * 3] = image.Pixels[(y * w + x) * 3 + 1] = image.Pixels[(y * w + x) * 3 + 2] = 255;
                    }
                }
            }
            return SquareImages.FitRgb(image);
        }
        var index = new NearDuplicateIndex([("red", Fitted(60, 40, 200, 30, 30)), ("blank", RgbImage.Filled(112, 112, 255, 255, 255))]);
        Assert.That(index.Count, Is.EqualTo(1), "the blank reference is ignored");
        Assert.That(index.FindCopy(Fitted(300, 200, 205, 28, 30)), Is.EqualTo("red"), "the same drawing, bigger and a little recoloured");
        Assert.That(index.FindCopy(Fitted(60, 40, 30, 30, 200)), Is.Null, "another colour");
        Assert.That(index.FindCopy(Fitted(60, 40, 200, 30, 30, holeX: 20)), Is.Null, "a third of it missing");
        Assert.That(index.FindCopy(Fitted(40, 60, 200, 30, 30)), Is.Null, "another shape");
    }

    private void Png(string relative)
    {
        string path = Path.Combine(stamps, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(5, 3);
        bitmap.Erase(new SKColor((byte)(colour * 10), 20, 30));
        colour++;
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private void Svg(string relative)
    {
        string path = Path.Combine(stamps, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"><rect x=\"5\" y=\"5\" width=\"30\" height=\"30\" fill=\"#008000\"/></svg>");
    }
}
