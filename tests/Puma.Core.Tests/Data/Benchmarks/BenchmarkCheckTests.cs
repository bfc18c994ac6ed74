using NUnit.Framework;
using Puma.Data.Benchmarks;
using Puma.Testing;

namespace Puma.Core.Tests.Data.Benchmarks;

public class BenchmarkCheckTests : BenchmarkTestFolder
{
    [Test]
    public void TinyTreeIsFoundButEveryCountIsAMismatch()
    {
        TinyBenchmarkTree.WriteAll(Root);
        BenchmarkCheckReport report = BenchmarkCheck.Run(Root);

        Assert.That(report.AllMatch, Is.False);
        Assert.That(report.Datasets.Select(d => d.Status), Is.All.EqualTo(DatasetStatus.Mismatch));
        DatasetCheck cub = report.Datasets[0];
        Assert.That(cub.Splits.Select(s => (s.Split, s.Classes, s.Images, s.Matches)), Is.EqualTo(new (string, int?, int?, bool)[]
        {
            ("train", 2, 3, false), ("test", 2, 3, false),
        }));
        DatasetCheck shop = report.Datasets.Single(d => d.Entry.Name == "InShop");
        Assert.That(shop.Splits.Select(s => (s.Split, s.Classes, s.Images)), Is.EqualTo(new (string, int?, int?)[]
        {
            ("train", 2, 3), ("query", 2, 2), ("gallery", 2, 2),
        }));
    }

    [Test]
    public void MissingAndBrokenDatasetsAreReportedNotThrown()
    {
        TinyBenchmarkTree.WriteCub(In(TinyBenchmarkTree.Cub));
        TinyBenchmarkTree.WriteFlowers(In(TinyBenchmarkTree.Flowers));
        File.WriteAllText(Path.Combine(In(TinyBenchmarkTree.Flowers), "setid.mat"), "garbage");
        BenchmarkCheckReport report = BenchmarkCheck.Run(Root);

        Assert.That(report.Datasets.Select(d => d.Status), Is.EqualTo(new[]
        {
            DatasetStatus.Mismatch, DatasetStatus.Missing, DatasetStatus.Missing, DatasetStatus.Missing,
            DatasetStatus.Missing, DatasetStatus.Missing, DatasetStatus.Error, DatasetStatus.Missing,
        }));
        Assert.That(report.Datasets[6].Error, Does.Contain("setid.mat"));
        Assert.That(report.Datasets[1].Splits, Is.Empty);
    }

    [Test]
    public void MatchingCountsGiveOk()
    {
        TinyBenchmarkTree.WriteCub(In(TinyBenchmarkTree.Cub));
        TinyBenchmarkTree.WriteInShop(In(TinyBenchmarkTree.InShop));
        var exact = (string split, int classes, int images) => new SplitExpectation(split, ExpectedCount.Exactly(classes), ExpectedCount.Exactly(images));
        BenchmarkEntry[] entries =
        [
            new("CUB", "CUB-200-2011", TinyBenchmarkTree.Cub, CubLoader.Load, [exact("train", 2, 3), new("test", ExpectedCount.Exactly(2), new ExpectedCount(2, 4))]),
            new("InShop", "In-Shop", TinyBenchmarkTree.InShop, InShopLoader.Load, [exact("train", 2, 3), exact("query", 2, 2), exact("gallery", 2, 2)]),
        ];
        BenchmarkCheckReport report = BenchmarkCheck.Run(Root, entries);
        Assert.That(report.AllMatch, Is.True);

        BenchmarkEntry[] wrong = [entries[0] with { Expected = [exact("train", 2, 3), exact("test", 2, 4)] }];
        Assert.That(BenchmarkCheck.Run(Root, wrong).Datasets[0].Status, Is.EqualTo(DatasetStatus.Mismatch));
    }

    [Test]
    public void ExpectedCountsPrintAsNumbersOrRanges()
    {
        Assert.That(ExpectedCount.Exactly(5864).ToString(), Is.EqualTo("5,864"));
        Assert.That(new ExpectedCount(10_550, 10_649).ToString(), Is.EqualTo("10,550–10,649"));
        Assert.That(new ExpectedCount(10_550, 10_649).Matches(10_649), Is.True);
        Assert.That(new ExpectedCount(10_550, 10_649).Matches(10_650), Is.False);
    }
}
