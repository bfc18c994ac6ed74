using NUnit.Framework;
using Puma.Backbones.Vit;
using Puma.Data;
using Puma.Data.Loading;
using Puma.Data.Transforms;
using Puma.Evaluation;
using Puma.Losses;
using Puma.Pretraining;
using Puma.Testing;
using Puma.Training;
using TorchSharp;

namespace Puma.Core.Tests.Training;

public class ImageBatchSourceTests
{
    private string root = "";

    [SetUp]
    public void CreateFolder() => root = Directory.CreateTempSubdirectory("puma-image-source-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(root, recursive: true);

    private UniversalDataset Patterns(string split, int imagesPerClass, int seed) => UniversalDataset.Combine(
        SyntheticImages.WriteFolder(Path.Combine(root, split), "stripes", classes: 3, imagesPerClass, seed),
        SyntheticImages.WriteFolder(Path.Combine(root, split), "more-stripes", classes: 3, imagesPerClass, seed + 100, firstPattern: 3));

    private static double RecallAt1(VisionTransformer encoder, UniversalDataset data)
    {
        encoder.eval();
        var loader = new ImageBatchLoader(data, PumaTransforms.Eval(32), 32);
        using var batch = loader.LoadInOrder(data.Samples.Count).Single();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var target = new EncoderPretrainingTarget(encoder);
        var embeddings = target.EmbedFeatures(encoder.Stem.features(batch.Images));
        var set = new RetrievalSet(embeddings, batch.Labels.ToArray(), batch.DatasetIndices.ToArray(), data.DatasetNames);
        return RetrievalEvaluator.Evaluate(set).Unified.RecallAt1;
    }

    /// <summary>
    /// A tiny ViT (D 32, depth 2, patch 8 at 32 px) trained end to end from image files — decoded and augmented in the
    /// background (RandomResizedCrop + flip), the stem's gradient flowing because its parameters are trainable — learns
    /// stripe patterns drawn in random colours: the last epoch's mean loss is below the first's and Recall@1 on
    /// held-out images of the same patterns rises above the untrained encoder's (measured: 0.194 → 0.389).
    /// </summary>
    [Test]
    public void ATinyVitLearnsSyntheticPatternsFromAugmentedImages()
    {
        var train = Patterns("train", imagesPerClass: 10, seed: 3);
        var test = Patterns("test", imagesPerClass: 6, seed: 4);
        torch.manual_seed(5);
        var config = new VitConfig(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 8, ImageSize: 32);
        using var encoder = new VisionTransformer(config, new PatchEmbed(32, 8, 3, 32));
        var target = new EncoderPretrainingTarget(encoder);
        double before = RecallAt1(encoder, test);
        using var loss = new ProxyAnchorLoss(train.NumClasses, target.EmbeddingDim);
        var loader = new ImageBatchLoader(train, PumaTransforms.Train(32), 32, new ImageBatchLoaderOptions { Threads = 2, Seed = 1 });

        var report = new MetricTrainer().Fit(target, loss, new ImageBatchSource(loader, encoder.Stem),
            new TrainingOptions { Epochs = 15, BatchSize = 15, LearningRate = 3e-3, WeightDecay = 0.05, Clipping = GradientClipping.ByNorm(1.0) });
        double after = RecallAt1(encoder, test);

        TestContext.Out.WriteLine($"R@1 {before:F3} -> {after:F3}; losses {string.Join(", ", report.EpochLosses.Select(l => l.ToString("F3")))}");
        Assert.That(report.EpochLosses[^1], Is.LessThan(report.EpochLosses[0]));
        Assert.That(after, Is.GreaterThan(before + 0.1));
    }
}
