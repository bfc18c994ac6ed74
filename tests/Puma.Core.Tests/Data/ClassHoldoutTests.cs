using NUnit.Framework;
using Puma.Data;

namespace Puma.Core.Tests.Data;

/// <summary>The validation classes of one dataset: how many, which, and the refusals.</summary>
public class ClassHoldoutTests
{
    private static readonly string[] Ten = Enumerable.Range(0, 10).Select(i => $"c{i}").ToArray();

    [TestCase(10, 0.2, 2)]
    [TestCase(10, 0.25, 3)]
    [TestCase(3, 0.1, 1)]
    [TestCase(2, 0.9, 1)]
    [TestCase(5, 0.99, 4)]
    public void HoldsOutTheCeilingOfTheFractionKeepingOneOfEachSide(int classes, double fraction, int expected)
    {
        var names = Enumerable.Range(0, classes).Select(i => $"k{i}").ToArray();
        var held = ClassHoldout.Choose("d", names, fraction, 3);
        Assert.That(held, Has.Count.EqualTo(expected));
        Assert.That(held, Is.SubsetOf(names));
        Assert.That(held, Is.Unique);
    }

    [Test]
    public void TheChoiceDependsOnTheNamesAndSeedOnly()
    {
        var held = ClassHoldout.Choose("d", Ten, 0.3, 11);
        Assert.That(ClassHoldout.Choose("d", Ten.Reverse().ToArray(), 0.3, 11), Is.EqualTo(held), "input order does not matter");
        var seeds = Enumerable.Range(0, 8).Select(s => string.Join(",", ClassHoldout.Choose("d", Ten, 0.3, (ulong)s))).Distinct().Count();
        Assert.That(seeds, Is.GreaterThan(1), "other seeds choose other classes");
        Assert.That(held, Is.EqualTo(ClassSplit.Assign(Ten, [3], 11)[0]), "the same rule as ClassSplit");
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    public void FractionsOutsideTheOpenUnitIntervalAreRefused(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ClassHoldout.Choose("d", Ten, fraction, 0));
        Assert.That(error!.ParamName, Is.EqualTo("fraction"));
    }

    [Test]
    public void ADatasetWithOneClassIsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassHoldout.Choose("lonely", ["only"], 0.5, 0));
        Assert.That(error!.Message, Does.Contain("lonely").And.Contain("at least 2"));
    }
}
