using NUnit.Framework;
using Puma.Core.Tests.Training;
using Puma.IO;
using Puma.Losses;
using Puma.Models;
using Puma.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Models;

/// <summary>Loss state in the trainable checkpoint: CurricularFace's running positive cosine is saved and loaded strictly.</summary>
public class LossCheckpointTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-loss-ckpt-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private async Task<string> TrainAndSave(UniversalMetricModel model)
    {
        using var train = TrainingTestData.RandomFeatures(model, count: 16, classes: 4);
        await model.FitAsync(train, new TrainingOptions { Epochs = 2, BatchSize = 8, LearningRate = 1e-3 });
        string path = Path.Combine(folder, "trainable.safetensors");
        model.SaveTrainable(path);
        return path;
    }

    [Test]
    public async Task RunningPositiveCosineRoundTripsBitForBit()
    {
        using var trained = TrainingTestData.Model(new CurricularFaceLossSpec());
        string path = await TrainAndSave(trained);
        var saved = (CurricularFaceLoss)trained.Loss!;
        using (torch.NewDisposeScope())
            Assert.That(saved.RunningPositiveCosine.abs().min().item<float>(), Is.GreaterThan(0f), "training updated t of every class");
        var header = SafeTensorsReader.ReadHeader(path);
        Assert.That(header.Tensors.Single(t => t.Name == "loss.pos_sim").Shape, Is.EqualTo(new long[] { 4 }));

        using var fresh = TrainingTestData.Model(new CurricularFaceLossSpec());
        fresh.LoadTrainable(path);

        using var scope = torch.NewDisposeScope();
        var restored = fresh.Loss as CurricularFaceLoss;
        Assert.That(restored, Is.Not.Null);
        Assert.That(restored!.RunningPositiveCosine.data<float>().ToArray(), Is.EqualTo(saved.RunningPositiveCosine.data<float>().ToArray()));
        Assert.That(restored.Proxies.data<float>().ToArray(), Is.EqualTo(saved.Proxies.data<float>().ToArray()));
    }

    [Test]
    public async Task MissingRunningCosineIsNamed()
    {
        using var model = TrainingTestData.Model(new CurricularFaceLossSpec());
        string path = await TrainAndSave(model);
        var values = SafeTensorsReader.Read(path);
        values.Remove("loss.pos_sim");
        SafeTensorsWriter.Write(path, values);
        var error = Assert.Throws<InvalidDataException>(() => model.LoadTrainable(path));
        Assert.That(error!.Message, Does.Contain("missing key 'loss.pos_sim'"));
    }

    [Test]
    public async Task MisShapedRunningCosineNamesBothShapes()
    {
        using var model = TrainingTestData.Model(new CurricularFaceLossSpec());
        string path = await TrainAndSave(model);
        var values = SafeTensorsReader.Read(path);
        values["loss.pos_sim"] = torch.zeros(5);
        SafeTensorsWriter.Write(path, values);
        var error = Assert.Throws<InvalidDataException>(() => model.LoadTrainable(path));
        Assert.That(error!.Message, Does.Contain("shape mismatch for 'loss.pos_sim': checkpoint [5], model [4]"));
    }

    [Test]
    public async Task ProxyAnchorModelRejectsACurricularFaceCheckpoint()
    {
        using var curricular = TrainingTestData.Model(new CurricularFaceLossSpec());
        string path = await TrainAndSave(curricular);
        using var proxyAnchor = TrainingTestData.Model(new ProxyAnchorLossSpec());
        var error = Assert.Throws<InvalidDataException>(() => proxyAnchor.LoadTrainable(path));
        Assert.That(error!.Message, Does.Contain("unexpected key 'loss.pos_sim'"));
        Assert.That(proxyAnchor.Loss, Is.Null, "a failed load leaves the model unchanged");
    }

    [Test]
    public void BuilderShortcutSelectsCurricularFace()
    {
        torch.manual_seed(1);
        using var model = UniversalMetricModel.CreateBuilder()
            .WithBackbone(Puma.Backbones.Backbone.Vit(TrainingTestData.TinyVit))
            .WithEmbeddingDim(8)
            .WithCurricularFaceLoss(scale: 16, margin: 0.2)
            .Build();
        var spec = (CurricularFaceLossSpec)model.LossSpec;
        Assert.That((spec.Scale, spec.Margin, spec.Momentum), Is.EqualTo((16.0, 0.2, 0.99)));
        Assert.That(model.Description.Loss, Is.EqualTo("curricularface s=16 m=0.2"));
    }
}
