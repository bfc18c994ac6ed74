using NUnit.Framework;
using Puma.Backbones.ResNet;
using Puma.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Backbones.ResNet;

public class CntkResNet18Tests
{
    [Test]
    public void ShapesAt112()
    {
        CntkResNet18 network = ResNetFixture.Network;
        using var scope = torch.NewDisposeScope();
        Tensor images = ResNetFixture.Pattern(2, 112, 112);
        Tensor stage3 = network.forward(images, ResNetOutput.Stage3);
        Tensor stage4 = network.forward(images, ResNetOutput.Stage4);
        Tensor pooled = network.forward(images, ResNetOutput.Pooled);

        Assert.That(stage3.shape, Is.EqualTo(new long[] { 2, 256, 7, 7 }));
        Assert.That(stage4.shape, Is.EqualTo(new long[] { 2, 512, 4, 4 }));
        Assert.That(pooled.shape, Is.EqualTo(new long[] { 2, 512 }));
        Assert.That(network.FeatureMapSize(112, 112, ResNetOutput.Stage3), Is.EqualTo((7, 7)));
        Assert.That(network.FeatureMapSize(112, 112, ResNetOutput.Stage4), Is.EqualTo((4, 4)));
        Assert.That(network.FeatureMapSize(224, 224, ResNetOutput.Stage4), Is.EqualTo((7, 7)));
        Assert.That(network.FeatureMapSize(100, 130, ResNetOutput.Stage3), Is.EqualTo((7, 9)));
        Assert.That((network.Channels(ResNetOutput.Stage3), network.Channels(ResNetOutput.Stage4)), Is.EqualTo((256, 512)));
        Assert.That((pooled - stage4.mean([2, 3])).abs().max().item<float>(), Is.LessThan(1e-6f), "pooled = mean of the stage-4 map");
        Assert.That((stage3[1] - network.forward(images[TensorIndex.Slice(1, 2)], ResNetOutput.Stage3)[0]).abs().max().item<float>(),
            Is.LessThan(1e-4f), "images are independent within a batch");
    }

    [Test]
    public void DefaultOutputFollowsTheProperty()
    {
        CntkResNet18 network = ResNetFixture.Network;
        using var scope = torch.NewDisposeScope();
        Assert.That(network.Output, Is.EqualTo(ResNetOutput.Pooled));
        try
        {
            network.Output = ResNetOutput.Stage4;
            Assert.That(network.forward(ResNetFixture.Pattern(1, 64, 64)).shape, Is.EqualTo(new long[] { 1, 512, 2, 2 }));
        }
        finally
        {
            network.Output = ResNetOutput.Pooled;
        }
    }

    [Test]
    public void IsFrozenWithTorchvisionStyleNames()
    {
        CntkResNet18 network = ResNetFixture.Network;
        var parameters = network.named_parameters().ToList();
        Assert.That(parameters.All(p => !p.parameter.requires_grad), "no parameter requires grad");
        // 15,908,800 stored values minus 3 of the 4 per-channel batch-norm vectors, which fold into one conv bias:
        // BN channels = 64 + 4*64 + (4*128 + 128) + (4*256 + 256) + (6*512 + 512) = 5,824, so 15,908,800 - 3*5,824.
        Assert.That(parameters.Sum(p => p.parameter.numel()), Is.EqualTo(15_908_800 - (3 * 5_824)));
        var names = parameters.Select(p => p.name).ToHashSet();
        Assert.That(names, Does.Contain("conv1.weight").And.Contain("conv1.bias").And.Contain("layer1.1.conv2.weight")
            .And.Contain("layer2.0.downsample.weight").And.Contain("layer4.2.conv2.bias"));
        Assert.That(names, Does.Not.Contain("layer1.0.downsample.weight"));
        Assert.That(network.named_buffers().Select(b => b.name), Is.EqualTo(new[] { "preprocess.mean_image" }));
        Assert.That(network.BlocksPerStage, Is.EqualTo(new[] { 2, 2, 2, 3 }));
        Assert.That(network.PreprocessOnnxPath, Is.EqualTo(Path.GetFullPath(ResNetFixture.PreprocessPath)));
    }

    [Test]
    public void GradientsReachTheInputButNotTheWeights()
    {
        CntkResNet18 network = ResNetFixture.Network;
        using var scope = torch.NewDisposeScope();
        Tensor images = ResNetFixture.Pattern(1, 32, 32).requires_grad_(true);
        network.forward(images, ResNetOutput.Pooled).sum().backward();
        Assert.That(images.grad is not null && images.grad.abs().sum().item<float>() > 0);
        Assert.That(network.parameters().All(p => p.grad is null));
    }

    /// <summary>RGB→BGR and the 2×2 area-averaged mean image at 112 px, checked against the file read independently.</summary>
    [Test]
    public void PreprocessingFlipsToBgrAndSubtractsTheAreaAveragedMeanImage()
    {
        OnnxTensor meanTensor = OnnxModel.Load(ResNetFixture.PreprocessPath).Graph.FindInitializer("MeanImage")!;
        float[] mean224 = meanTensor.ToFloatArray();
        var preprocess = (nn.Module<Tensor, Tensor>)ResNetFixture.Network.named_children().Single(c => c.name == "preprocess").module;

        using var scope = torch.NewDisposeScope();
        Tensor rgb = torch.stack([torch.full(112, 112, 10f), torch.full(112, 112, 20f), torch.full(112, 112, 30f)]).unsqueeze(0);
        float[] actual = preprocess.forward(rgb).data<float>().ToArray();
        float[] blue = [30f, 20f, 10f];
        double maxDiff = 0;
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 112; y++)
            {
                for (int x = 0; x < 112; x++)
                {
                    int at(int yy, int xx) => (c * 224 * 224) + (yy * 224) + xx;
                    double area = (mean224[at(2 * y, 2 * x)] + mean224[at(2 * y, (2 * x) + 1)]
                        + mean224[at((2 * y) + 1, 2 * x)] + mean224[at((2 * y) + 1, (2 * x) + 1)]) / 4.0;
                    maxDiff = Math.Max(maxDiff, Math.Abs(actual[(c * 112 * 112) + (y * 112) + x] - (blue[c] - area)));
                }
            }
        }

        Assert.That(maxDiff, Is.LessThan(1e-4));
    }

    [Test]
    public void WithoutAPreprocessingFileTheChannelMeansAreUsed()
    {
        string directory = Directory.CreateTempSubdirectory("puma-resnet-").FullName;
        try
        {
            string lonelyModel = Path.Combine(directory, "ResNet18.onnx");
            File.Copy(ResNetFixture.ModelPath, lonelyModel);
            CntkResNet18 network;
            using (torch.NewDisposeScope())
            {
                // Built inside a dispose scope: its parameters must survive the scope.
                network = CntkResNet18.FromOnnx(lonelyModel);
            }

            using (network)
            using (var scope = torch.NewDisposeScope())
            {
                Assert.That(network.PreprocessOnnxPath, Is.Null);
                Tensor pooled = network.forward(ResNetFixture.Pattern(1, 64, 64));
                Assert.That(pooled.shape, Is.EqualTo(new long[] { 1, 512 }));
                Assert.That(pooled.isfinite().all().item<bool>());
            }

            float[] mean = OnnxModel.Load(ResNetFixture.PreprocessPath).Graph.FindInitializer("MeanImage")!.ToFloatArray();
            for (int c = 0; c < 3; c++)
            {
                double channelMean = mean.Skip(c * 224 * 224).Take(224 * 224).Average(v => (double)v);
                Assert.That(CntkResNet18.ChannelMeanBgr[c], Is.EqualTo(channelMean).Within(1e-4));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void BadFilesFailWithClearErrors()
    {
        string missing = Path.Combine(Path.GetTempPath(), "puma-no-such-resnet.onnx");
        Assert.Throws<FileNotFoundException>(() => CntkResNet18.FromOnnx(missing));
        Assert.Throws<FileNotFoundException>(() => CntkResNet18.FromOnnx(ResNetFixture.ModelPath, missing));

        string text = Path.GetTempFileName();
        try
        {
            File.WriteAllText(text, "this is not an ONNX model\n");
            var notOnnx = Assert.Throws<InvalidDataException>(() => CntkResNet18.FromOnnx(text));
            Assert.That(notOnnx!.Message, Does.Contain(text));
        }
        finally
        {
            File.Delete(text);
        }

        var wrongGraph = Assert.Throws<InvalidDataException>(() => CntkResNet18.FromOnnx(ResNetFixture.PreprocessPath));
        Assert.That(wrongGraph!.Message, Does.Contain("Unexpected graph"));
    }

    [Test]
    public void BadImagesAreRejected()
    {
        CntkResNet18 network = ResNetFixture.Network;
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => network.forward(torch.zeros(3, 32, 32)));
        Assert.Throws<ArgumentException>(() => network.forward(torch.zeros(1, 1, 32, 32)));
        Assert.Throws<ArgumentException>(() => network.forward(torch.zeros(1, 3, 32, 32, dtype: ScalarType.Float64)));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.forward(torch.zeros(1, 3, 32, 32), (ResNetOutput)7));
    }
}
