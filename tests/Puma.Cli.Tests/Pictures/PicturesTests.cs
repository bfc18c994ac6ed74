using NUnit.Framework;
using Puma.Cli.Pictures;
using Puma.Data;
using Puma.Evaluation;
using Puma.Training;
using Puma.Training.Selection;
using SkiaSharp;

namespace Puma.Cli.Tests.Pictures;

/// <summary>The demo's and evaluate's pictures: the right neighbours in the grid, frames by hit or miss, PNGs that decode.</summary>
public class PicturesTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-pictures-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    /// <summary>Four images of two classes on a line: 1-d embeddings ±1 in 2-d, so neighbours are known by hand.</summary>
    private (UniversalDataset Images, float[] Embeddings) FourImages()
    {
        var colours = new[] { SKColors.Red, SKColors.Red, SKColors.Blue, SKColors.Blue };
        var samples = new List<ImageFolderSample>();
        for (int i = 0; i < 4; i++)
        {
            string path = Path.Combine(folder, $"c{i / 2}", $"{i}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var bitmap = new SKBitmap(20, 20);
            bitmap.Erase(colours[i]);
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, data.ToArray());
            samples.Add(new ImageFolderSample(path, i / 2));
        }
        var images = UniversalDataset.Combine(ImageFolder.FromList("d", folder, ["c0", "c1"], samples));
        // angles 0°, 10°, 15°, 90°: image 0's neighbours are 1, 2, 3; image 2's are 1, 0, 3.
        float[] embeddings = new[] { 0.0, 10, 15, 90 }.SelectMany(a => new[] { (float)Math.Cos(a * Math.PI / 180), (float)Math.Sin(a * Math.PI / 180) }).ToArray();
        return (images, embeddings);
    }

    [Test]
    public void GridRowsAreTheNearestOtherImagesInRankOrder()
    {
        var (images, embeddings) = FourImages();
        var rows = RetrievalGrid.Rows(images, embeddings, 2, queriesPerDataset: 2, k: 3);
        Assert.That(rows.Select(r => r.Query), Is.EqualTo(new[] { 0, 2 }), "queries evenly spaced through the dataset");
        Assert.That(rows[0].Neighbours, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(rows[1].Neighbours, Is.EqualTo(new[] { 1, 0, 3 }));
    }

    [Test]
    public void GridFramesQueriesHitsAndMisses()
    {
        var (images, embeddings) = FourImages();
        string path = Path.Combine(folder, RetrievalGrid.FileName);
        RetrievalGrid.Save(path, images, embeddings, 2, queriesPerDataset: 2, k: 3);
        using var grid = SKBitmap.Decode(path);
        Assert.That((grid.Width, grid.Height), Is.EqualTo((4 * RetrievalGrid.Tile, 2 * RetrievalGrid.Tile)));
        SKColor Corner(int row, int column) => grid.GetPixel(column * RetrievalGrid.Tile + 1, row * RetrievalGrid.Tile + 1);
        Assert.That(Corner(0, 0), Is.EqualTo(RetrievalGrid.QueryFrame));
        Assert.That(Corner(0, 1), Is.EqualTo(RetrievalGrid.HitFrame), "image 1 is of image 0's class");
        Assert.That(Corner(0, 2), Is.EqualTo(RetrievalGrid.MissFrame));
        Assert.That(Corner(1, 3), Is.EqualTo(RetrievalGrid.HitFrame), "image 3 is of image 2's class");
        var centre = grid.GetPixel(RetrievalGrid.Tile + RetrievalGrid.Tile / 2, RetrievalGrid.Tile / 2);
        Assert.That((centre.Red, centre.Blue), Is.EqualTo((255, 0)), "the tile shows image 1 (red)");
    }

    [Test]
    public void CurvesAndBarsAreWrittenAsPngs()
    {
        var report = new TrainingReport([3.0, 2.5, 2.2], 30, 0, 1)
        {
            Validations = [new ValidationResult(1, 0.4, Report(0.4)), new ValidationResult(2, 0.5, Report(0.5)), new ValidationResult(3, 0.45, Report(0.45))],
            SelectedEpoch = 2,
        };
        string curves = Path.Combine(folder, TrainingCurves.FileName), bars = Path.Combine(folder, RecallBars.FileName);
        TrainingCurves.Save(curves, report);
        TrainingCurves.Save(Path.Combine(folder, "no-validation.png"), new TrainingReport([1.0], 1, 0, 1));
        RecallBars.Save(bars, [("frozen", Report(0.3)), ("puma", Report(0.6))]);
        foreach (var path in new[] { curves, bars, Path.Combine(folder, "no-validation.png") })
        {
            using var bitmap = SKBitmap.Decode(path);
            Assert.That(bitmap, Is.Not.Null, path);
            Assert.That(bitmap.Width, Is.GreaterThanOrEqualTo(640));
        }
        Assert.Throws<ArgumentException>(() => TrainingCurves.Save(curves, new TrainingReport([], 0, 0, 0)));
        Assert.That(Directory.GetFiles(folder, "*.tmp*"), Is.Empty, "no temporary file left");
    }

    private static RetrievalReport Report(double recall)
    {
        var metrics = new RetrievalMetrics(10, 0, 10, 10, new Dictionary<int, double> { [1] = recall }, double.NaN, double.NaN);
        return new RetrievalReport([new DatasetRetrieval("d", metrics)], metrics, recall);
    }
}
