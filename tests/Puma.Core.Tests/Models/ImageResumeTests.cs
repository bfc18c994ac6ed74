using NUnit.Framework;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Core.Tests.Data;
using Puma.Data;
using Puma.Models;
using Puma.Testing;
using Puma.Training;
using TorchSharp;

namespace Puma.Core.Tests.Models;

/// <summary>
/// The image path resumes exactly too: with PUMA's random augmentations (resized crops and flips, streams seeded by
/// seed, epoch and position), a run cancelled after a mid-epoch checkpoint and resumed ends with the head and proxies of
/// the uninterrupted run, bit for bit.
/// </summary>
public class ImageResumeTests
{
    private string root = "";

    [SetUp]
    public void CreateFolder() => root = TestImages.NewTempFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(root, recursive: true);

    private static UniversalMetricModel TinyModel()
    {
        torch.manual_seed(7);
        return UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(new VitConfig(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 8, ImageSize: 32)))
            .WithEmbeddingDim(16)
            .WithSeed(7)
            .Build();
    }

    private async Task<int[][]> Train(UniversalDataset data, TrainingOptions options, int? stopAfter = null)
    {
        using var model = TinyModel();
        using var cancel = new CancellationTokenSource();
        int batches = 0;
        var progress = new Recorder(_ => { if (++batches == stopAfter) cancel.Cancel(); });
        torch.manual_seed(11); // the proxies are drawn when the loss is created
        var images = new ImagePipelineOptions { Threads = 2 };
        if (stopAfter is null) await model.FitAsync(data, options, progress, images: images);
        else await Assert.CatchAsync<OperationCanceledException>(() => model.FitAsync(data, options, progress, cancel.Token, images: images));
        using var scope = torch.NewDisposeScope();
        return model.Head.parameters().Append(model.Loss!.Proxies)
            .Select(p => p.detach().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).ToArray()).ToArray();
    }

    [Test]
    public async Task AugmentedImageTrainingResumedMidEpochMatchesTheUninterruptedRun()
    {
        var data = UniversalDataset.Combine(SyntheticImages.WriteFolder(Path.Combine(root, "train"), "stripes", classes: 4, imagesPerClass: 7, seed: 1));
        var options = new TrainingOptions { Epochs = 2, BatchSize = 8, LearningRate = 1e-3, Seed = 3 };
        var expected = await Train(data, options);
        var checkpointed = options with { Checkpoint = new TrainingCheckpointOptions(Path.Combine(root, "ck")) { EveryEpochs = null, EverySteps = 2 } };

        await Train(data, checkpointed, stopAfter: 5); // 3 batches per epoch: the checkpoint after batch 4 is mid-epoch 2
        var resumed = await Train(data, checkpointed);

        Assert.That(Directory.GetFiles(Path.Combine(root, "ck"), "checkpoint-*"), Has.Length.EqualTo(2));
        for (int i = 0; i < expected.Length; i++) Assert.That(resumed[i], Is.EqualTo(expected[i]), $"tensor {i}");
    }

    private sealed class Recorder(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
