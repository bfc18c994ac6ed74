using NUnit.Framework;
using Puma.Cli.Commands;
using Puma.Data.Benchmarks;
using Puma.Testing;
using Spectre.Console;

namespace Puma.Cli.Tests.Commands;

public class BenchmarkCheckCommandTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot()
    {
        _root = Path.Combine(Path.GetTempPath(), "puma-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private static (int Exit, string Output) Run(string root, IReadOnlyList<BenchmarkEntry> datasets)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200;
        int exit = BenchmarkCheckCommand.Run(root, datasets, console);
        return (exit, writer.ToString());
    }

    [Test]
    public void TinyTreeCountsAreMismatchesAndExitIsOne()
    {
        TinyBenchmarkTree.WriteAll(_root);
        var (exit, output) = Run(_root, PumaBenchmark.Datasets);
        TestContext.Out.WriteLine(output);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("CUB_200_2011").And.Contain("3 / 5,864").And.Contain("2 / 100").And.Contain("mismatch").And.Contain("gallery"));
        Assert.That(output, Does.Contain("10,550–10,649"));
        Assert.That(output, Does.Contain("0 of 8 datasets match"));
        Assert.That(output, Does.Not.Contain("missing").And.Not.Contain("error"));
    }

    [Test]
    public void EmptyRootReportsEveryDatasetMissing()
    {
        var (exit, output) = Run(_root, PumaBenchmark.Datasets);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output.Split('\n').Count(l => l.Contains("missing")), Is.EqualTo(8));
    }

    [Test]
    public void BrokenDatasetPrintsItsError()
    {
        TinyBenchmarkTree.WriteCub(Path.Combine(_root, TinyBenchmarkTree.Cub));
        File.Delete(Path.Combine(_root, TinyBenchmarkTree.Cub, "classes.txt"));
        var (exit, output) = Run(_root, PumaBenchmark.Datasets.Take(1).ToArray());
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("error").And.Contain("classes.txt"));
    }

    [Test]
    public void ExitIsZeroWhenEverythingMatches()
    {
        TinyBenchmarkTree.WriteCub(Path.Combine(_root, TinyBenchmarkTree.Cub));
        var exact = (string split) => new SplitExpectation(split, ExpectedCount.Exactly(2), ExpectedCount.Exactly(3));
        BenchmarkEntry[] entries = [PumaBenchmark.Datasets[0] with { Expected = [exact("train"), exact("test")] }];
        var (exit, output) = Run(_root, entries);
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("1 of 1 datasets match"));
    }
}
