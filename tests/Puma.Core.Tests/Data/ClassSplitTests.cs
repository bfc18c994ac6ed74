using NUnit.Framework;
using Puma.Data;

namespace Puma.Core.Tests.Data;

public class ClassSplitTests
{
    [Test] // SplitMix64's published first output for seed 0
    public void SplitMix64MatchesTheReferenceSequence()
    {
        var rng = new SplitMix64(0);
        Assert.That(rng.Next(), Is.EqualTo(0xE220A8397B1DCDAFUL));
        Assert.That(rng.Next(), Is.EqualTo(0x6E789E6AA1B965F4UL));
    }

    [Test] // Fisher–Yates of a..e with seed 42 gives b, c, a, e, d (computed in Python with the same algorithm)
    public void SplitsAreConsecutiveRunsOfTheSeededShuffle()
    {
        var splits = ClassSplit.Assign(["e", "c", "a", "d", "b"], [2, 2, 1], seed: 42);
        Assert.That(splits[0], Is.EqualTo(new[] { "b", "c" }));
        Assert.That(splits[1], Is.EqualTo(new[] { "a", "e" }));
        Assert.That(splits[2], Is.EqualTo(new[] { "d" }));
    }

    [Test]
    public void SplitsAreDisjointDeterministicAndOrderIndependent()
    {
        string[] classes = Enumerable.Range(0, 100).Select(i => $"class{i:D3}").ToArray();
        var first = ClassSplit.Assign(classes, [10, 30, 20], 7);
        var again = ClassSplit.Assign(classes.Reverse(), [10, 30, 20], 7);
        var other = ClassSplit.Assign(classes, [10, 30, 20], 8);

        Assert.That(first.Select(s => s.Count), Is.EqualTo(new[] { 10, 30, 20 }));
        Assert.That(first.SelectMany(s => s).Distinct().Count(), Is.EqualTo(60));
        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    [Test]
    public void AskingForTooManyClassesThrows() =>
        Assert.Throws<ArgumentException>(() => ClassSplit.Assign(["a", "b"], [2, 1], 0));

    [Test]
    public void RepeatedClassThrows() =>
        Assert.Throws<ArgumentException>(() => ClassSplit.Assign(["a", "b", "a"], [1], 0));
}
