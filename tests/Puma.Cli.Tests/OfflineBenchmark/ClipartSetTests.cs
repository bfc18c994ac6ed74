using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;
using Puma.Cli.OfflineBenchmark;
using SkiaSharp;

namespace Puma.Cli.Tests.OfflineBenchmark;

public class ClipartSetTests
{
    [Test]
    public void PixelCountIsReadFromThePngHeaderWithoutDecoding()
    {
        string path = Path.Combine(Path.GetTempPath(), $"puma-clipart-{Guid.NewGuid():N}.png");
        try
        {
            using (var bitmap = new SKBitmap(300, 7))
            using (var data = bitmap.Encode(SKEncodedImageFormat.Png, 100))
            using (var file = File.Create(path))
            {
                data.SaveTo(file);
            }
            Assert.That(ClipartSet.PngPixels(path), Is.EqualTo(2100));
            File.WriteAllBytes(path, "GIF89a not a png at all"u8.ToArray());
            Assert.That(ClipartSet.PngPixels(path), Is.Null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ClassNamesFlattenTheCategoryPathIntoOneFolder()
    {
        Assert.That(ClipartSet.ClassName("animals/mammals/big_cats"), Is.EqualTo("animals--mammals--big_cats"));
        Assert.That(ClipartSet.ClassName("food"), Is.EqualTo("food"));
    }

    [Test]
    public void ItIsASourceOnlyDatasetOfTheOpenClipartArchive()
    {
        var set = new ClipartSet();
        Assert.That((set.Sizes.Train, set.Sizes.Test), Is.EqualTo((0, 0)));
        Assert.That(set.Sizes.Source, Is.GreaterThan(1000), "every usable category goes to the source split");
        Assert.That(set.Packages.Select(p => p.Name), Is.EqualTo(new[] { "openclipart-png", "tuxpaint-stamps-default" }),
            "the Tux Paint stamps are read to leave out their copies");
    }

    [Test]
    public void NoBenchmarkDatasetFeedsTheSourceSplit()
    {
        var sets = OfflineBenchmarkPreparer.DefaultSets();
        Assert.That(sets.Where(s => s.Sizes.Source > 0).Select(s => s.Name), Is.EqualTo(new[] { "clipart" }));
        Assert.That(sets.Where(s => s.Sizes.Train > 0 && s.Sizes.Test > 0).Select(s => s.Name),
            Is.EqualTo(new[] { "kanji", "icons", "emoji", "cards", "tuxpaint", "fashion", "digits" }));
    }

    [Test]
    public async Task EachDrawingKeepsItsDeepestCategoryAndSmallCategoriesAndCardsAreLeftOut()
    {
        string downloads = Directory.CreateTempSubdirectory("puma-clipart-").FullName;
        try
        {
            string png = Path.Combine(downloads, "unpacked", "openclipart-png", "usr", "share", "openclipart", "png");
            int colour = 0;
            void Draw(string folder, int count, string prefix)
            {
                Directory.CreateDirectory(Path.Combine(png, folder));
                for (int i = 0; i < count; i++)
                {
                    WritePng(Path.Combine(png, folder, $"{prefix}{i:D2}.png"), colour++);
                }
            }
            Draw("animals/birds", 12, "bird");
            foreach (string file in Directory.GetFiles(Path.Combine(png, "animals/birds")))
            {
                File.Copy(file, Path.Combine(png, "animals", Path.GetFileName(file)));   // the parent holds copies
            }
            Draw("animals", 10, "animal");
            Draw("food", 9, "food");                                                     // too small
            Draw("shapes/stars", ClipartSet.MaxImagesPerClass + 5, "star");              // capped
            Draw("recreation/games/cards/simple", 12, "card");                           // used by the cards dataset
            string stamps = Path.Combine(downloads, "unpacked", "tuxpaint-stamps-default", "usr", "share", "tuxpaint", "stamps");
            Directory.CreateDirectory(Path.Combine(stamps, "animals", "birds"));
            WriteSolidPng(Path.Combine(stamps, "animals", "birds", "robin.png"), 60, 40, SKColors.Red);           // a Tux Paint stamp…
            WriteSolidPng(Path.Combine(png, "animals/birds", "robin_big.png"), 300, 200, new SKColor(250, 4, 2)); // …and its clipart copy

            var cache = new PackageCache(downloads, NullLogger.Instance);
            var classes = await new ClipartSet().CollectAsync(cache, NullLogger.Instance, CancellationToken.None);

            Assert.That(classes.Keys.Order(StringComparer.Ordinal), Is.EqualTo(new[] { "animals", "animals--birds", "shapes--stars" }));
            Assert.That(classes["animals--birds"], Has.Count.EqualTo(12));
            Assert.That(classes["animals--birds"].Select(r => r.Style), Has.None.StartsWith("robin"), "the copy of a stamp is left out");
            Assert.That(classes["animals"], Has.Count.EqualTo(10), "the copies of the birds count only in their deepest folder");
            Assert.That(classes["animals"].All(r => r.Style.StartsWith("animal", StringComparison.Ordinal)), Is.True);
            Assert.That(classes["shapes--stars"], Has.Count.EqualTo(ClipartSet.MaxImagesPerClass));
            Assert.That(classes.Values.SelectMany(r => r).Select(r => r.Style).Distinct().Count(), Is.EqualTo(62), "styles never collide");
            var image = await classes["animals"][0].RenderAsync(CancellationToken.None);
            Assert.That(image, Is.Not.Null);
            Assert.That((image!.Width, image.Height), Is.EqualTo((SquareImages.Size, SquareImages.Size)));
        }
        finally
        {
            Directory.Delete(downloads, recursive: true);
        }
    }

    private static void WriteSolidPng(string path, int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <summary>A 6×4 opaque PNG whose colour encodes <paramref name="index"/>, so every file has distinct content.</summary>
    private static void WritePng(string path, int index)
    {
        using var bitmap = new SKBitmap(6, 4);
        bitmap.Erase(new SKColor((byte)(index % 256), (byte)(index / 256), 77));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
