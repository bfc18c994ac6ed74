using NUnit.Framework;
using Puma.Data.Transforms;

namespace Puma.Core.Tests.Data.Transforms;

public class AugmentationRandomTests
{
    [Test]
    public void StreamsDependOnlyOnSeedEpochAndPosition()
    {
        double[] Draw(ulong seed, int epoch, long position)
        {
            var random = AugmentationRandom.ForSample(seed, epoch, position);
            return Enumerable.Range(0, 8).Select(_ => random.NextDouble()).ToArray();
        }

        Assert.That(Draw(1, 2, 3), Is.EqualTo(Draw(1, 2, 3)));
        Assert.That(Draw(1, 2, 3), Is.Not.EqualTo(Draw(1, 2, 4)));
        Assert.That(Draw(1, 2, 3), Is.Not.EqualTo(Draw(1, 3, 3)));
        Assert.That(Draw(1, 2, 3), Is.Not.EqualTo(Draw(2, 2, 3)));
    }

    [Test]
    public void UniformStaysInItsRangeWithTheRightMean()
    {
        var random = new AugmentationRandom(42);
        var values = Enumerable.Range(0, 20000).Select(_ => random.Uniform(0.2, 1.0)).ToArray();
        Assert.That(values.Min(), Is.GreaterThanOrEqualTo(0.2));
        Assert.That(values.Max(), Is.LessThan(1.0));
        Assert.That(values.Average(), Is.EqualTo(0.6).Within(0.01));
    }
}
