using System.CommandLine;
using System.Text.Json;
using NUnit.Framework;
using Puma.Cli.Commands;
using Puma.Cli.Training;

namespace Puma.Cli.Tests.Commands;

public class TrainEvaluateCommandTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-train-cli-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static (int Code, string Output) Invoke(params string[] args)
    {
        var root = new RootCommand { TrainCommand.Create(), EvaluateCommand.Create() };
        using var output = new StringWriter();
        int code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, EnableDefaultExceptionHandler = false });
        return (code, output.ToString());
    }

    [TestCase("train", "--benchmark --preset --weights --epochs --batch-size --lr --image-size --out --seed --threads --workers")]
    [TestCase("evaluate", "--checkpoint --benchmark --split --config --out --threads")]
    public void HelpListsTheOptions(string command, string options)
    {
        var (code, output) = Invoke(command, "--help");
        Assert.That(code, Is.EqualTo(0));
        foreach (var option in options.Split(' ')) Assert.That(output, Does.Contain(option), option);
    }

    /// <summary>
    /// Trains a ViT-Ti/16 at 32 px (random init from the seed) on two tiny datasets, then evaluates the checkpoint in a
    /// second command: the rebuilt model (same seed → same backbone, checkpoint → same trainable state) must reproduce the
    /// training run's test Recall@1 per dataset and unified exactly.
    /// </summary>
    [Test]
    public void TrainWritesItsFilesAndEvaluateReproducesItsResults()
    {
        string benchmark = TinyImageBenchmark.Create(Path.Combine(folder, "bench"));
        string output = Path.Combine(folder, "out");
        var (trainCode, _) = Invoke("train", "--benchmark", benchmark, "--preset", "vit-ti16", "--image-size", "32", "--epochs", "2",
            "--batch-size", "6", "--lr", "1e-3", "--embedding-dim", "16", "--adapter-dim", "8", "--out", output, "--seed", "3",
            "--threads", "1", "--workers", "2");

        Assert.That(trainCode, Is.EqualTo(0));
        Assert.That(File.Exists(Path.Combine(output, TrainSettings.CheckpointName)));
        var settings = TrainSettings.Read(Path.Combine(output, TrainSettings.FileName));
        Assert.That((settings.Preset, settings.ImageSize, settings.Seed, settings.Benchmark), Is.EqualTo(("vit-ti16", 32, 3, "bench")));
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json"))))
        {
            Assert.That(json.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("method").GetString()),
                Is.EqualTo(new[] { "frozen-backbone", "puma" }));
            Assert.That(json.RootElement.GetProperty("trainable_parameters").GetInt64(), Is.GreaterThan(0));
        }
        var trained = ResultsJson.PumaRecallAt1(Path.Combine(output, "results.json"));
        Assert.That(trained.Keys, Is.EquivalentTo(new[] { "set0", "set1", "unified" }));

        string evaluation = Path.Combine(folder, "eval");
        var (evaluateCode, _) = Invoke("evaluate", "--checkpoint", Path.Combine(output, TrainSettings.CheckpointName), "--benchmark", benchmark,
            "--out", evaluation, "--threads", "1");

        Assert.That(evaluateCode, Is.EqualTo(0));
        Assert.That(ResultsJson.PumaRecallAt1(Path.Combine(evaluation, "results.json")), Is.EqualTo(trained));
        foreach (var picture in new[] { "recall-bars.png", "retrieval-grid.png" })
            Assert.That(new FileInfo(Path.Combine(evaluation, picture)).Length, Is.GreaterThan(1000), picture);
    }

    [Test]
    public void EvaluateNamesAMissingConfiguration()
    {
        string checkpoint = Path.Combine(folder, "lonely.safetensors");
        File.WriteAllBytes(checkpoint, [0]);
        string benchmark = TinyImageBenchmark.Create(Path.Combine(folder, "bench"), datasets: 1, classes: 2, trainImages: 1, testImages: 2);
        var error = Assert.Throws<FileNotFoundException>(() => Invoke("evaluate", "--checkpoint", checkpoint, "--benchmark", benchmark))!;
        Assert.That(error.Message, Does.Contain(TrainSettings.FileName));
    }

    /// <summary>
    /// With --validation-fraction the run holds out training classes, validates after every epoch and records which
    /// epoch it kept; evaluate on the test split reproduces the run's test numbers from the saved (selected) state.
    /// </summary>
    [Test]
    public void ValidationFractionSelectsAnEpochOnHeldOutTrainingClasses()
    {
        string benchmark = TinyImageBenchmark.Create(Path.Combine(folder, "bench"), classes: 4);
        string output = Path.Combine(folder, "out");
        var (code, _) = Invoke("train", "--benchmark", benchmark, "--preset", "vit-ti16", "--image-size", "32", "--epochs", "3",
            "--batch-size", "4", "--lr", "1e-3", "--embedding-dim", "16", "--adapter-dim", "8", "--out", output, "--seed", "3",
            "--threads", "1", "--workers", "1", "--validation-fraction", "0.25", "--evaluate-every", "1", "--no-baseline");

        Assert.That(code, Is.EqualTo(0));
        Assert.That(TrainSettings.Read(Path.Combine(output, TrainSettings.FileName)).ValidationFraction, Is.EqualTo(0.25));
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json"))))
        {
            var selection = json.RootElement.GetProperty("model_selection");
            var scores = selection.GetProperty("validations").EnumerateArray()
                .Select(v => (Epoch: v.GetProperty("epoch").GetInt32(), Score: v.GetProperty("score").GetDouble())).ToList();
            Assert.That(scores.Select(s => s.Epoch), Is.EqualTo(new[] { 1, 2, 3 }));
            int selected = selection.GetProperty("selected_epoch").GetInt32();
            Assert.That(scores.Single(s => s.Epoch == selected).Score, Is.EqualTo(scores.Max(s => s.Score)), "the best validation is kept");
        }
        string evaluation = Path.Combine(folder, "eval");
        Assert.That(Invoke("evaluate", "--checkpoint", Path.Combine(output, TrainSettings.CheckpointName), "--benchmark", benchmark,
            "--out", evaluation, "--threads", "1").Code, Is.EqualTo(0));
        Assert.That(ResultsJson.PumaRecallAt1(Path.Combine(evaluation, "results.json")), Is.EqualTo(ResultsJson.PumaRecallAt1(Path.Combine(output, "results.json"))));
    }

    [TestCase("--validation-fraction", "1")]
    [TestCase("--validation-fraction", "-0.1")]
    [TestCase("--evaluate-every", "0")]
    public void SelectionOptionsOutOfRangeAreNamed(string option, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Invoke("train", "--benchmark", folder, option, value))!;
        Assert.That(error.Message, Does.Contain(option));
    }

    [Test]
    public void EvaluateNeedsExactlyOneDataOption()
    {
        Assert.Throws<ArgumentException>(() => Invoke("evaluate", "--checkpoint", "c.safetensors"));
        Assert.Throws<ArgumentException>(() => Invoke("evaluate", "--checkpoint", "c.safetensors", "--benchmark", folder, "--puma-root", folder));
    }
}
