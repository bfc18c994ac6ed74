// Trains a tiny model (ViT D32, depth 2, 32 px, CurricularFace) on cached features, with a checkpoint every few
// batches, then saves the final trainable state. Killed and restarted by KillAndResumeTests.
//
//   Puma.FaultHost <checkpoint-folder|-> <output.safetensors>
//
//   Puma.FaultHost allocator MODE main|worker      (page faults of repeated steps, see AllocatorProbe)
//
// "-" trains without checkpoints (the uninterrupted reference). Prints "checkpointing" once training has started and
// "resumed <path>" when it resumed. Exit code 0 on success.
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Features;
using Puma.Losses;
using Puma.Models;
using Puma.Training;
using TorchSharp;

if (args is ["allocator", var allocator, var thread]) return Puma.FaultHost.AllocatorProbe.Run(allocator, thread);
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Puma.FaultHost <checkpoint-folder|-> <output.safetensors>");
    return 2;
}

torch.manual_seed(1);
using var model = UniversalMetricModel.CreateBuilder()
    .WithBackbone(Backbone.Vit(new VitConfig(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 16, ImageSize: 32)))
    .WithEmbeddingDim(8)
    .WithLoss(new CurricularFaceLossSpec())
    .WithSeed(101)
    .Build();

torch.manual_seed(7);
const int count = 64, classes = 8;
FeatureDataset train;
using (torch.no_grad())
{
    var features = model.Backbone.Stem.features(torch.randn(count, 3, 32, 32));
    train = new FeatureDataset(features, Enumerable.Range(0, count).Select(i => i % classes).ToArray(), new int[count], ["random"], classes);
}

var options = new TrainingOptions
{
    Epochs = 100,
    BatchSize = 8,
    LearningRate = 1e-3,
    Seed = 5,
    Deterministic = true,
    Checkpoint = args[0] == "-" ? null : new TrainingCheckpointOptions(args[0]) { EveryEpochs = null, EverySteps = 7 },
};
Console.WriteLine("checkpointing");
var report = model.FitAsync(train, options).GetAwaiter().GetResult();
if (report.ResumedFrom is not null) Console.WriteLine($"resumed {report.ResumedFrom}");
model.SaveTrainable(args[1]);
train.Dispose();
Console.WriteLine($"done {report.Steps} steps");
return 0;
