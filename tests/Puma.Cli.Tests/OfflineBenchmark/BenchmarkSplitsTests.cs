using NUnit.Framework;
using Puma.Cli.OfflineBenchmark;

namespace Puma.Cli.Tests.OfflineBenchmark;

public class BenchmarkSplitsTests
{
    private static Dictionary<string, int> Classes(int count, Func<int, int> images) =>
        Enumerable.Range(0, count).ToDictionary(i => $"c{i:D3}", images);

    [Test]
    public void SplitsAreDisjointAndHaveTheRequestedSizes()
    {
        SplitAssignment a = BenchmarkSplits.Assign(Classes(50, _ => 3), new SplitSizes(5, 10, 8), seed: 1);
        Assert.That(a.Splits.Select(s => s.Key), Is.EqualTo(new[] { "source", "train", "test" }));
        Assert.That(a.Splits.Select(s => s.Value.Count), Is.EqualTo(new[] { 5, 10, 8 }));
        var all = a.Splits.SelectMany(s => s.Value).ToList();
        Assert.That(all.Distinct().Count(), Is.EqualTo(23));
        Assert.That(a.Dropped, Is.EqualTo(0));
    }

    [Test]
    public void AssignmentIsDeterministicWhateverTheInputOrder()
    {
        var forward = Classes(40, _ => 2);
        var backward = forward.Reverse().ToDictionary(p => p.Key, p => p.Value);
        var a = BenchmarkSplits.Assign(forward, new SplitSizes(4, 6, 5), seed: 9);
        var b = BenchmarkSplits.Assign(backward, new SplitSizes(4, 6, 5), seed: 9);
        var c = BenchmarkSplits.Assign(forward, new SplitSizes(4, 6, 5), seed: 10);
        Assert.That(b.Splits.Select(s => s.Value), Is.EqualTo(a.Splits.Select(s => s.Value)));
        Assert.That(c.Splits.Select(s => s.Value), Is.Not.EqualTo(a.Splits.Select(s => s.Value)));
        Assert.That(a.Splits[0].Value, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
    }

    [Test]
    public void ClassesWithFewerThanTwoImagesAreDroppedBeforeAssignment()
    {
        // c000..c009 have one image, the other 20 have two.
        var classes = Classes(30, i => i < 10 ? 1 : 2);
        var a = BenchmarkSplits.Assign(classes, new SplitSizes(5, 10, 5), seed: 3);
        var used = a.Splits.SelectMany(s => s.Value).ToList();
        Assert.That(a.Dropped, Is.EqualTo(10));
        Assert.That(used, Has.Count.EqualTo(20));
        Assert.That(used.Where(c => classes[c] < 2), Is.Empty);
    }

    [Test]
    public void SplitsShrinkInProportionWhenTooFewClassesRemain()
    {
        var a = BenchmarkSplits.Assign(Classes(20, _ => 2), new SplitSizes(10, 20, 10), seed: 3);
        Assert.That(a.Splits.Select(s => s.Value.Count), Is.EqualTo(new[] { 5, 10, 5 }));
    }

    [TestCase(99)]
    [TestCase(96)]
    [TestCase(3)]
    [TestCase(1)]
    public void ASourceOnlyDatasetGivesEveryUsableClassToTheSourceSplit(int usable)
    {
        // "all of them" is asked for by a size larger than any dataset: the proportional cut must not lose a class to
        // floating-point rounding (10000 × (3 / 10000) is 2.9999999999999996 in doubles).
        var a = BenchmarkSplits.Assign(Classes(usable, _ => 2), new SplitSizes(10_000, 0, 0), seed: 3);
        Assert.That(a.Splits.Select(s => s.Value.Count), Is.EqualTo(new[] { usable, 0, 0 }));
    }
}
