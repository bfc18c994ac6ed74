using NUnit.Framework;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Features;
using Puma.Models;
using Puma.Training;
using TorchSharp;

namespace Puma.Core.Tests.Models;

/// <summary>
/// torch.set_num_threads is a per-thread setting of LibTorch's OpenMP pool; FitAsync trains on a pool thread, so it must
/// carry the caller's setting over (otherwise a reused pool thread keeps whatever it had).
/// </summary>
public class FitAsyncThreadTests
{
    [Test]
    public void TrainingRunsWithTheCallersThreadCount()
    {
        int outer = torch.get_num_threads();
        torch.manual_seed(2);
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(new VitConfig(EmbedDim: 32, Depth: 1, NumHeads: 2, PatchSize: 8, ImageSize: 16))).WithEmbeddingDim(4).Build();
        using var data = new FeatureDataset(torch.randn(4, 4, 32), [0, 1, 0, 1], new int[4], ["d"], 2);
        try
        {
            foreach (int threads in new[] { 2, 1, 2 })
            {
                torch.set_num_threads(threads);
                var seen = new HashSet<int>();
                // Waited on synchronously: an await could resume on another thread, with its own setting.
                model.FitAsync(data, new TrainingOptions { Epochs = 1, BatchSize = 2 }, new Recorder(() => seen.Add(torch.get_num_threads())))
                    .GetAwaiter().GetResult();
                Assert.That(seen, Is.EquivalentTo(new[] { threads }), $"caller set {threads}");
                Assert.That(torch.get_num_threads(), Is.EqualTo(threads), "the caller's own setting is untouched");
            }
        }
        finally
        {
            torch.set_num_threads(outer);
        }
    }

    private sealed class Recorder(Action report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report();
    }
}
