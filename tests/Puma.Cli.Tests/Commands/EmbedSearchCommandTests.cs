using System.CommandLine;
using NUnit.Framework;
using Puma.Cli.Commands;
using Puma.Cli.Training;
using Puma.IO;
using TorchSharp;

namespace Puma.Cli.Tests.Commands;

/// <summary>
/// <c>puma embed</c> and <c>puma search</c> on a checkpoint of a tiny <c>puma train</c> run (ViT-Ti/16 at 32 px,
/// 1 epoch): the files are checked with Puma's own .npy/safetensors readers and the neighbours against dot products
/// computed here from the written matrix.
/// </summary>
[NonParallelizable]
public class EmbedSearchCommandTests
{
    private static string folder = "";
    private static string checkpoint = "";
    private static string images = "";

    [OneTimeSetUp]
    public static void TrainATinyModel()
    {
        folder = Directory.CreateTempSubdirectory("puma-embed-cli-").FullName;
        string benchmark = TinyImageBenchmark.Create(Path.Combine(folder, "bench"), datasets: 1, classes: 3, trainImages: 3, testImages: 2);
        var (code, _) = Invoke("train", "--benchmark", benchmark, "--preset", "vit-ti16", "--image-size", "32", "--epochs", "1",
            "--batch-size", "6", "--embedding-dim", "16", "--adapter-dim", "8", "--out", Path.Combine(folder, "run"), "--seed", "5",
            "--threads", "1", "--workers", "1", "--no-baseline");
        Assert.That(code, Is.EqualTo(0));
        checkpoint = Path.Combine(folder, "run", TrainSettings.CheckpointName);
        images = Path.Combine(benchmark, "set0", "test");
    }

    [OneTimeTearDown]
    public static void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static (int Code, string Output) Invoke(params string[] args)
    {
        var root = new RootCommand { TrainCommand.Create(), EmbedCommand.Create(), SearchCommand.Create() };
        using var output = new StringWriter();
        int code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, EnableDefaultExceptionHandler = false });
        return (code, output.ToString());
    }

    private static float[,] ReadNpy(string path)
    {
        using var stream = File.OpenRead(path);
        using var tensor = NpyReader.Read(stream, path);
        Assert.That(tensor.shape.Length, Is.EqualTo(2));
        var values = tensor.data<float>().ToArray();
        var matrix = new float[tensor.shape[0], tensor.shape[1]];
        Buffer.BlockCopy(values, 0, matrix, 0, values.Length * sizeof(float));
        return matrix;
    }

    [TestCase("embed", "--checkpoint --config --images --out --threads --workers")]
    [TestCase("search", "--embeddings --query --checkpoint --config -k --threads --grid")]
    public void HelpListsTheOptions(string command, string options)
    {
        var (code, output) = Invoke(command, "--help");
        Assert.That(code, Is.EqualTo(0));
        foreach (var option in options.Split(' ')) Assert.That(output, Does.Contain(option), option);
    }

    [Test]
    public void EmbedWritesNormalisedRowsInFileOrderAndBothFormatsAgree()
    {
        string npy = Path.Combine(folder, "out", "gallery.npy");
        string safetensors = Path.Combine(folder, "out", "gallery.safetensors");
        Assert.That(Invoke("embed", "--checkpoint", checkpoint, "--images", images, "--out", npy, "--threads", "1").Code, Is.EqualTo(0));
        Assert.That(Invoke("embed", "--checkpoint", checkpoint, "--images", images, "--out", safetensors, "--threads", "1").Code, Is.EqualTo(0));

        string[] expected = Directory.GetFiles(images, "*.png", SearchOption.AllDirectories)
            .OrderBy(f => Path.GetRelativePath(images, f), StringComparer.Ordinal).ToArray();
        Assert.That(File.ReadAllLines(Path.Combine(folder, "out", "gallery.paths.txt")), Is.EqualTo(expected));

        var matrix = ReadNpy(npy);
        Assert.That((matrix.GetLength(0), matrix.GetLength(1)), Is.EqualTo((expected.Length, 16)));
        for (int i = 0; i < expected.Length; i++)
        {
            double norm = Math.Sqrt(Enumerable.Range(0, 16).Sum(d => (double)matrix[i, d] * matrix[i, d]));
            Assert.That(norm, Is.EqualTo(1).Within(1e-5), $"row {i}");
        }
        var tensors = SafeTensorsReader.Read(safetensors);
        using var fromSafetensors = tensors["embeddings"];
        Assert.That(fromSafetensors.data<float>().ToArray(), Is.EqualTo(matrix.Cast<float>().ToArray()));
    }

    [Test]
    public void SearchFindsTheQueryItselfFirstAndRanksByDotProduct()
    {
        string npy = Path.Combine(folder, "search", "gallery.npy");
        Assert.That(Invoke("embed", "--checkpoint", checkpoint, "--images", images, "--out", npy, "--threads", "1").Code, Is.EqualTo(0));
        string[] paths = File.ReadAllLines(Path.Combine(folder, "search", "gallery.paths.txt"));
        var matrix = ReadNpy(npy);
        int queryRow = 3;

        string grid = Path.Combine(folder, "search", "grid.png");
        var (code, output) = Invoke("search", "--embeddings", npy, "--query", paths[queryRow], "--checkpoint", checkpoint, "-k", "3", "--threads", "1",
            "--grid", grid);

        Assert.That(code, Is.EqualTo(0));
        var expected = Enumerable.Range(0, paths.Length)
            .Select(i => (Index: i, Dot: Enumerable.Range(0, 16).Sum(d => (double)matrix[i, d] * matrix[queryRow, d])))
            .OrderByDescending(x => x.Dot).Take(3).ToArray();
        Assert.That(expected[0].Index, Is.EqualTo(queryRow));
        string[] lines = output.Split('\n');
        for (int rank = 0; rank < 3; rank++)
        {
            string row = lines.Single(l => l.Contains(paths[expected[rank].Index], StringComparison.Ordinal) && !l.Contains("nearest to", StringComparison.Ordinal));
            Assert.That(row, Does.Contain(expected[rank].Dot.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)), $"rank {rank + 1}");
            Assert.That(row.TrimStart('│', ' '), Does.StartWith((rank + 1).ToString()), $"rank {rank + 1}");
        }

        // The grid: query + 3 tiles in one row; the query framed in blue, the others in grey; each tile shows its image.
        using var png = SkiaSharp.SKBitmap.Decode(grid);
        Assert.That((png.Width, png.Height), Is.EqualTo((4 * Puma.Cli.Embeddings.SearchGrid.Tile, Puma.Cli.Embeddings.SearchGrid.Tile)));
        Assert.That(png.GetPixel(1, 1), Is.EqualTo(Puma.Cli.Embeddings.SearchGrid.QueryFrame));
        Assert.That(png.GetPixel(Puma.Cli.Embeddings.SearchGrid.Tile + 1, 1), Is.EqualTo(Puma.Cli.Embeddings.SearchGrid.NeighbourFrame));
        for (int rank = 0; rank < 3; rank++)
        {
            using var source = SkiaSharp.SKBitmap.Decode(paths[expected[rank].Index]);
            int left = (rank + 1) * Puma.Cli.Embeddings.SearchGrid.Tile, inset = Puma.Cli.Embeddings.SearchGrid.Frame + 2;
            var shown = MeanColour(png, left + inset, inset, Puma.Cli.Embeddings.SearchGrid.Tile - 2 * inset);
            var original = MeanColour(source, 0, 0, source.Width);
            for (int channel = 0; channel < 3; channel++)
                Assert.That(shown[channel], Is.EqualTo(original[channel]).Within(6), $"tile {rank + 1} shows its image (mean colour)");
        }
    }

    private static double[] MeanColour(SkiaSharp.SKBitmap bitmap, int left, int top, int size)
    {
        var sum = new double[3];
        for (int y = top; y < top + size; y++)
            for (int x = left; x < left + size; x++)
            {
                var c = bitmap.GetPixel(x, y);
                sum[0] += c.Red; sum[1] += c.Green; sum[2] += c.Blue;
            }
        return sum.Select(v => v / ((double)size * size)).ToArray();
    }

    [Test]
    public void EmbedNamesAMissingFolderAndABadExtension()
    {
        var missing = Assert.Throws<DirectoryNotFoundException>(() =>
            Invoke("embed", "--checkpoint", checkpoint, "--images", Path.Combine(folder, "nowhere"), "--out", Path.Combine(folder, "x.npy")))!;
        Assert.That(missing.Message, Does.Contain("--images").And.Contain("nowhere"));
        var extension = Assert.Throws<ArgumentException>(() =>
            Invoke("embed", "--checkpoint", checkpoint, "--images", images, "--out", Path.Combine(folder, "x.csv")))!;
        Assert.That(extension.Message, Does.Contain("--out").And.Contain("x.csv"));
    }

    [Test]
    public void SearchNamesAMissingImageListAndAWrongDimension()
    {
        string lonely = Path.Combine(folder, "lonely.npy");
        using (var stream = File.Create(lonely)) Puma.Cli.Embeddings.NpyWriter.WriteFloat32(stream, new float[8], 2, 4);
        string query = Directory.GetFiles(images, "*.png", SearchOption.AllDirectories)[0];
        var noList = Assert.Throws<FileNotFoundException>(() => Invoke("search", "--embeddings", lonely, "--query", query, "--checkpoint", checkpoint))!;
        Assert.That(noList.Message, Does.Contain("lonely.paths.txt"));

        File.WriteAllLines(Path.Combine(folder, "lonely.paths.txt"), ["a.png", "b.png"]);
        var dimension = Assert.Throws<InvalidDataException>(() => Invoke("search", "--embeddings", lonely, "--query", query, "--checkpoint", checkpoint))!;
        Assert.That(dimension.Message, Does.Contain("4-d").And.Contain("16-d"));
    }
}
