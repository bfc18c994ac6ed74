using System.CommandLine;
using System.Text.Json;
using NUnit.Framework;
using Puma.Cli.Baselines;
using Puma.Cli.Commands;
using Puma.Testing;

namespace Puma.Cli.Tests.Baselines;

/// <summary>
/// <c>puma benchmark</c> end to end on a tiny prepared folder (real ResNet-18 stem, 1 pre-training and 1 training epoch):
/// every method runs, the parameter counts add up by hand, a rerun reuses every finished run, and --readme updates the
/// generated section.
/// </summary>
public class BenchmarkCommandTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-benchmark-cli-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static int Invoke(params string[] args)
    {
        var root = new RootCommand { BenchmarkCommand.Create() };
        using var output = new StringWriter();
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, EnableDefaultExceptionHandler = false });
    }

    private string TinyBenchmark()
    {
        string root = Path.Combine(folder, "bench");
        for (int d = 0; d < 2; d++)
        {
            string dataset = Path.Combine(root, $"set{d}");
            SyntheticImages.WriteFolder(dataset, "train", 6, 3, seed: 10 + d, size: 48, firstPattern: 6 * d);
            SyntheticImages.WriteFolder(dataset, "test", 3, 3, seed: 20 + d, size: 48, firstPattern: 12 + 3 * d);
        }
        SyntheticImages.WriteFolder(Path.Combine(root, "source0"), "source", 4, 3, seed: 30, size: 48, firstPattern: 18);
        return root;
    }

    [Test]
    public void EveryMethodRunsAndARerunReusesTheRuns()
    {
        string benchmark = TinyBenchmark();
        string output = Path.Combine(folder, "out");
        string readme = Path.Combine(folder, "README.md");
        File.WriteAllText(readme, $"# Benchmarks\n{ReadmeSection.Begin}\n{ReadmeSection.End}\n");
        string[] args = ["benchmark", "--benchmark", benchmark, "--cache", Path.Combine(folder, "cache"), "--out", output, "--seeds", "0,1",
            "--epochs", "1", "--pretrain-epochs", "1", "--evaluate-every", "1", "--validation-fraction", "0.34", "--threads", "1", "--readme", readme];

        Assert.That(Invoke(args), Is.EqualTo(0));
        var runs = Runs(output);
        var expected = BaselineCatalog.All.SelectMany(m => (m.IsTrained && m.IsMainRow ? new[] { 0, 1 } : [0]).Select(s => (m.Name, s)));
        Assert.That(runs.Keys, Is.EquivalentTo(expected), "main trained rows with both seeds, the others with one");

        long Params(string method) => runs[(method, 0)].GetProperty("trainable_parameters").GetInt64();
        Assert.That(Params("raw-pixels") + Params("resnet18-pooled") + Params("frozen-backbone"), Is.Zero);
        Assert.That(Params("adapters-only") + Params("pool-only") - Params("linear-head"), Is.EqualTo(Params("puma")),
            "adapters + head and pool + head, minus the head, is PUMA's adapters + pool + head");
        Assert.That(Params("per-dataset"), Is.EqualTo(2 * Params("full-finetune")), "two datasets, one fully fine-tuned model each");
        Assert.That(Params("puma-p0"), Is.EqualTo(Params("puma")));
        foreach (var ((method, _), run) in runs)
        {
            var errors = run.GetProperty("style_errors");
            int sum = errors.GetProperty("same_style").GetInt32() + errors.GetProperty("same_dataset_other_style").GetInt32() + errors.GetProperty("other_dataset").GetInt32();
            Assert.That(sum, Is.EqualTo(errors.GetProperty("errors").GetInt32()), method);
            double unified = run.GetProperty("unified_recall_at").GetProperty("1").GetDouble();
            Assert.That(errors.GetProperty("errors").GetInt32(), Is.EqualTo((int)Math.Round((1 - unified) * errors.GetProperty("queries").GetInt32())),
                $"{method}: the analysis's errors are the unified R@1 misses");
        }
        string markdown = File.ReadAllText(Path.Combine(output, BaselineRunner.MarkdownName));
        foreach (var method in BaselineCatalog.Names) Assert.That(markdown, Does.Contain($"| {method} |"), method);
        Assert.That(File.ReadAllText(readme), Does.Contain("| puma |").And.Contain("](out/baselines.png)"), "the README section links the chart relative to itself");
        Assert.That(new FileInfo(Path.Combine(output, BaselineRunner.ChartName)).Length, Is.GreaterThan(1000));

        var first = File.ReadAllText(Path.Combine(output, BaselineRunner.JsonName));
        foreach (var file in Directory.GetFiles(Path.Combine(output, "runs"))) File.SetLastWriteTimeUtc(file, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.That(Invoke(args), Is.EqualTo(0));
        Assert.That(Directory.GetFiles(Path.Combine(output, "runs")).Select(File.GetLastWriteTimeUtc).Distinct(), Is.EqualTo(new[] { new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) }),
            "no run file was rewritten: every run was reused");
        Assert.That(File.ReadAllText(Path.Combine(output, BaselineRunner.JsonName)), Is.EqualTo(first));
    }

    [TestCase("--methods", "puma,magic", "magic")]
    [TestCase("--seeds", "0,x", "x")]
    [TestCase("--seeds", "1,1", "twice")]
    [TestCase("--validation-fraction", "0", "--validation-fraction")]
    [TestCase("--ablation-seeds", "0", "--ablation-seeds")]
    public void BadOptionsAreNamedBeforeAnyWork(string option, string value, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => Invoke("benchmark", "--benchmark", folder, option, value))!;
        Assert.That(error.Message, Does.Contain(named));
    }

    private static Dictionary<(string Method, int Seed), JsonElement> Runs(string output)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, BaselineRunner.JsonName)));
        return json.RootElement.GetProperty("runs").EnumerateArray()
            .ToDictionary(r => (r.GetProperty("method").GetString()!, r.GetProperty("seed").GetInt32()), r => r.Clone());
    }
}
