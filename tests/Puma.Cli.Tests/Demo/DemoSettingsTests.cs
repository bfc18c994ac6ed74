using NUnit.Framework;
using Puma.Cli.Demo;

namespace Puma.Cli.Tests.Demo;

/// <summary>Bad command-line values are named by their option before any work starts.</summary>
public class DemoSettingsTests
{
    [Test]
    public void DefaultsAreValid() => Assert.That(new DemoSettings().Validate(), Is.Empty);

    [Test]
    public void EveryBadValueIsNamedByItsOption()
    {
        var settings = new DemoSettings
        {
            OutputFolder = " ",
            CacheFolder = "",
            BenchmarkFolder = Path.Combine(Path.GetTempPath(), "puma-no-such-benchmark-" + Guid.NewGuid().ToString("N")),
            PumaEpochs = 0,
            PretrainEpochs = -3,
            PumaLearningRate = double.NaN,
            Threads = 0,
            ValidationFraction = 1,
            EvaluateEvery = 0,
        };
        var errors = settings.Validate();
        Assert.That(errors, Has.Count.EqualTo(9));
        foreach (var option in new[] { "--out", "--cache", "--benchmark", "--epochs", "--pretrain-epochs", "--lr", "--threads", "--validation-fraction", "--evaluate-every" })
            Assert.That(errors, Has.Some.StartsWith(option), option);
        Assert.That(errors, Has.Some.Contains("got NaN"));
    }
}
