using System.CommandLine;
using System.Text.Json;
using NUnit.Framework;
using Puma.Cli.Commands;
using Puma.Cli.Training;
using Puma.Data.Benchmarks;
using Puma.IO;
using Puma.Testing;
using SkiaSharp;

namespace Puma.Cli.Tests.Commands;

/// <summary><c>puma train --puma-root</c>: the eight datasets in their official layouts, with the paper's recipe.</summary>
public class TrainPumaLayoutTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-train-official-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static int Invoke(params string[] args)
    {
        var root = new RootCommand { TrainCommand.Create(), EvaluateCommand.Create() };
        using var output = new StringWriter();
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The tiny official tree lists its images as empty files: give each a small PNG whose colour follows its class.</summary>
    private static IReadOnlyList<BenchmarkDataset> WriteTinyImages(string root)
    {
        TinyBenchmarkTree.WriteAll(root);
        var datasets = PumaBenchmark.LoadAll(root);
        var samples = datasets.SelectMany(d => new[] { d.Train, d.Test, d.Query, d.Gallery }).OfType<Puma.Data.ImageFolder>().SelectMany(f => f.Samples);
        foreach (var sample in samples.DistinctBy(s => s.Path))
        {
            using var bitmap = new SKBitmap(24, 20);
            bitmap.Erase(new SKColor((byte)(40 * sample.Label), (byte)(255 - 30 * sample.Label), 90));
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            using var file = File.Create(sample.Path);
            data.SaveTo(file);
        }
        return datasets;
    }

    [Test]
    public void ThePaperRecipeTrainsOnTheEightOfficialLayoutsAndEvaluatesInShopQueriesAgainstItsGallery()
    {
        string root = Path.Combine(folder, "puma");
        var datasets = WriteTinyImages(root);
        string output = Path.Combine(folder, "out");

        int code = Invoke("train", "--puma-root", root, "--recipe", "paper", "--preset", "vit-ti16", "--image-size", "32", "--epochs", "1",
            "--batch-size", "8", "--embedding-dim", "16", "--adapter-dim", "8", "--out", output, "--threads", "1", "--workers", "1");

        Assert.That(code, Is.EqualTo(0));
        var settings = TrainSettings.Read(Path.Combine(output, TrainSettings.FileName));
        Assert.That((settings.Recipe, settings.PumaLayout), Is.EqualTo((TrainingRecipe.Paper, true)));
        var checkpoint = SafeTensorsReader.ReadHeader(Path.Combine(output, TrainSettings.CheckpointName));
        Assert.That(checkpoint.Tensors.Select(t => t.Name), Does.Contain("loss.pos_sim"), "CurricularFace's per-class t is saved");

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var puma = json.RootElement.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("method").GetString() == "puma");
        var queries = puma.GetProperty("datasets").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("queries").GetInt32());
        Assert.That(queries.Keys, Is.EquivalentTo(datasets.Select(d => d.Name)));
        var inShop = datasets.Single(d => d.Query is not null);
        Assert.That(queries[inShop.Name], Is.EqualTo(inShop.Query!.Samples.Count), "only In-Shop's query images query (its gallery does not)");

        string evaluation = Path.Combine(folder, "eval");
        Assert.That(Invoke("evaluate", "--checkpoint", Path.Combine(output, TrainSettings.CheckpointName), "--puma-root", root, "--out", evaluation,
            "--threads", "1", "--workers", "1"), Is.EqualTo(0));
        var trained = ResultsJson.PumaRecallAt1(Path.Combine(output, "results.json"));
        Assert.That(trained["unified"], Is.Not.EqualTo("null"), "the unified figure is defined");
        Assert.That(ResultsJson.PumaRecallAt1(Path.Combine(evaluation, "results.json")), Is.EqualTo(trained),
            "evaluate --puma-root reproduces the run's test numbers, In-Shop's query/gallery protocol included");
        var error = Assert.Throws<ArgumentException>(() => Invoke("evaluate", "--checkpoint", Path.Combine(output, TrainSettings.CheckpointName),
            "--puma-root", root, "--split", "train"))!;
        Assert.That(error.Message, Does.Contain("--split"));
    }

    [Test]
    public void BothOrNeitherDataOptionIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Invoke("train", "--epochs", "1"));
        Assert.Throws<ArgumentException>(() => Invoke("train", "--benchmark", folder, "--puma-root", folder));
        var error = Assert.Throws<ArgumentException>(() => Invoke("train", "--benchmark", folder, "--recipe", "fancy"))!;
        Assert.That(error.Message, Does.Contain("fancy").And.Contain("paper"));
    }
}
