using NUnit.Framework;
using Puma.Hooks;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Adapters.Tests;

public class StochasticAdapterTests
{
    [Test]
    public void ZeroInitialisedUpProjectionMakesTheAdapterAnIdentityResidual()
    {
        using var adapter = new StochasticAdapter(16, 2, new StochasticAdapterOptions().BottleneckDim(4));
        using var scope = torch.NewDisposeScope();
        adapter.eval();
        var output = adapter.forward(torch.randn(3, 5, 16), 1, AdapterSite.Mlp);
        Assert.That(output.abs().max().item<float>(), Is.EqualTo(0f));
    }

    [Test]
    public void InferenceOutputIsScaleTimesBottleneck()
    {
        using var adapter = new StochasticAdapter(4, 1, new StochasticAdapterOptions().BottleneckDim(2).Scale(0.1));
        using var scope = torch.NewDisposeScope();
        using (torch.no_grad())
        {
            adapter[0].Attention.DownWeight.copy_(torch.tensor(new float[] { 1, 0, 0, 0, 0, -1, 0, 0 }).reshape(2, 4));
            adapter[0].Attention.UpWeight.copy_(torch.tensor(new float[] { 1, 0, 0, 1, 2, 0, 0, 0 }).reshape(4, 2));
        }
        adapter.eval();
        // x = (3, 2, 0, 0): down = (3, -2) → relu (3, 0) → up = (3, 0, 6, 0) → × 0.1.
        var output = adapter.forward(torch.tensor(new float[] { 3, 2, 0, 0 }).reshape(1, 1, 4), 0, AdapterSite.Attention);
        Assert.That(output.data<float>().ToArray(), Is.EqualTo(new[] { 0.3f, 0f, 0.6f, 0f }).Within(1e-6f));
    }

    [Test]
    public void TrainingDropsWholeSamplesAndRescalesTheKeptOnes()
    {
        using var adapter = new StochasticAdapter(8, 1, new StochasticAdapterOptions().BottleneckDim(4).DropProbability(0.5).Scale(1.0));
        using var scope = torch.NewDisposeScope();
        using (torch.no_grad())
        {
            adapter[0].Mlp.UpWeight.copy_(torch.ones(8, 4));
            // Positive down weights on positive inputs: no token's bottleneck is all zero, so reference / dropped never
            // divides 0 by 0 (with random signs about one run in three hit a NaN ratio).
            adapter[0].Mlp.DownWeight.abs_();
        }
        var x = torch.rand(256, 3, 8) + 0.1;
        adapter.eval();
        var reference = adapter.forward(x, 0, AdapterSite.Mlp);
        adapter.train();
        torch.manual_seed(1);
        var dropped = adapter.forward(x, 0, AdapterSite.Mlp);

        int kept = 0;
        for (int b = 0; b < 256; b++)
        {
            var ratio = dropped[b] / reference[b];
            float min = ratio.min().item<float>(), max = ratio.max().item<float>();
            bool zero = max == 0f, doubled = Math.Abs(min - 2f) < 1e-5 && Math.Abs(max - 2f) < 1e-5;
            Assert.That(zero || doubled, Is.True, $"sample {b}: branch is either dropped or scaled by 1/(1-p) as a whole");
            if (doubled) kept++;
        }
        Assert.That(kept, Is.InRange(128 - 40, 128 + 40), "about half of the samples keep the branch");
    }

    [Test]
    public void InvalidOptionsAreAllReported()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new StochasticAdapter(16, 2, new StochasticAdapterOptions().BottleneckDim(0).DropProbability(1.0)));
        Assert.That(error!.Message, Does.Contain("Bottleneck").And.Contain("Drop probability"));
    }
}
