using NUnit.Framework;
using Puma.Training;
using TorchSharp;

namespace Puma.Core.Tests.Training;

/// <summary>The determinism switch sets one intra-op thread and restores what was there.</summary>
public class DeterminismTests
{
    [Test]
    public void EnforceSwitchesToOneThreadAndRestores()
    {
        int outer = torch.get_num_threads();
        try
        {
            torch.set_num_threads(2);
            using (Determinism.Enforce())
            {
                Assert.That(torch.get_num_threads(), Is.EqualTo(1));
                using (Determinism.Enforce())
                {
                    Assert.That(torch.get_num_threads(), Is.EqualTo(1), "nested scopes stay on one thread");
                }
                Assert.That(torch.get_num_threads(), Is.EqualTo(1), "the inner scope restores the outer scope's setting");
            }
            Assert.That(torch.get_num_threads(), Is.EqualTo(2));
        }
        finally
        {
            torch.set_num_threads(outer);
        }
    }

    [Test]
    public void DisposingTwiceRestoresOnce()
    {
        int threads = torch.get_num_threads();
        var scope = Determinism.Enforce();
        scope.Dispose();
        torch.set_num_threads(Math.Max(1, threads));
        scope.Dispose();
        Assert.That(torch.get_num_threads(), Is.EqualTo(Math.Max(1, threads)));
    }
}
