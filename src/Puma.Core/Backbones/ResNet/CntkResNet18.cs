using Puma.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Backbones.ResNet;

/// <summary>
/// The frozen ImageNet ResNet-18 of ML.NET's <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package (a CNTK 2.6
/// export, blocks [2, 2, 2, 3]), rebuilt in TorchSharp from its ONNX file with batch norms folded into the convolutions.
/// It takes RGB images with values 0..255 of any size, applies the CNTK preprocessing (BGR, minus the mean image) and
/// CNTK "same" padding recomputed for the actual size, and returns the stage-3 map, the stage-4 map or the pooled
/// 512-d vector (<see cref="ResNetOutput"/>). All parameters have <c>requires_grad = false</c>.
/// Parameter names follow torchvision: <c>conv1</c>, <c>layer1.0.conv1</c>, <c>layer2.0.downsample</c>, … (each a
/// folded conv with <c>weight</c> and <c>bias</c>), plus the buffer <c>preprocess.mean_image</c>.
/// </summary>
public sealed class CntkResNet18 : nn.Module<Tensor, Tensor>
{
    /// <summary>Per-channel means (B, G, R) of the 224×224 mean image, used only when no preprocessing file is found.</summary>
    internal static readonly float[] ChannelMeanBgr = [103.062624f, 115.902882f, 123.151631f];

    private readonly CntkImagePreprocess preprocess;
    private readonly CntkSameConv2d conv1;
    private readonly CntkSameMaxPool2d maxpool;
    private readonly ModuleList<CntkBasicBlock> layer1;
    private readonly ModuleList<CntkBasicBlock> layer2;
    private readonly ModuleList<CntkBasicBlock> layer3;
    private readonly ModuleList<CntkBasicBlock> layer4;

    private CntkResNet18(ResNetSpec spec, CntkImagePreprocess preprocessing, string? preprocessOnnxPath, ResNetOutput output)
        : base(nameof(CntkResNet18))
    {
        preprocess = preprocessing;
        conv1 = new CntkSameConv2d("conv1", spec.Stem);
        maxpool = new CntkSameMaxPool2d("maxpool", spec.MaxPool);
        layer1 = Stage(spec.Stages[0]);
        layer2 = Stage(spec.Stages[1]);
        layer3 = Stage(spec.Stages[2]);
        layer4 = Stage(spec.Stages[3]);
        PreprocessOnnxPath = preprocessOnnxPath;
        Output = output;
        RegisterComponents();
    }

    /// <summary>What <see cref="forward(Tensor)"/> returns.</summary>
    public ResNetOutput Output { get; set; }

    /// <summary>
    /// The preprocessing file whose mean image is subtracted, or null when none was found and the per-channel means
    /// of that image are subtracted instead (an approximation of the ML.NET pipeline).
    /// </summary>
    public string? PreprocessOnnxPath { get; }

    /// <summary>Blocks per stage as found in the file ([2, 2, 2, 3] for ML.NET's ResNet-18).</summary>
    public IReadOnlyList<int> BlocksPerStage => [layer1.Count, layer2.Count, layer3.Count, layer4.Count];

    /// <summary>
    /// Loads the network from ML.NET's <c>ResNet18.onnx</c>. The parameters are created outside any dispose scope.
    /// </summary>
    /// <param name="onnxPath">Path of <c>ResNet18.onnx</c>.</param>
    /// <param name="preprocessOnnxPath">
    /// Path of <c>ResNetPreprocess.onnx</c> (the mean image). When null it is looked for next to <paramref name="onnxPath"/>
    /// and in the package layout (<c>../ResNetPrepOnnx/</c>); if absent, per-channel means are used.
    /// </param>
    /// <param name="output">The default output of <see cref="forward(Tensor)"/>.</param>
    /// <exception cref="FileNotFoundException">A given file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is not ONNX, or its graph is not the expected CNTK ResNet / preprocessing.</exception>
    public static CntkResNet18 FromOnnx(string onnxPath, string? preprocessOnnxPath = null, ResNetOutput output = ResNetOutput.Pooled)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxPath);
        if (!Enum.IsDefined(output))
        {
            throw new ArgumentOutOfRangeException(nameof(output), output, "Unknown ResNetOutput.");
        }

        ResNetSpec spec;
        try
        {
            spec = ResNetGraphReader.Read(OnnxModel.Load(onnxPath));
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(onnxPath, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{onnxPath}: {e.Message}", e);
        }

        string? meanPath = preprocessOnnxPath ?? CntkMeanImageReader.FindBeside(onnxPath);
        CntkImagePreprocess preprocessing = meanPath is null
            ? new CntkImagePreprocess("preprocess", ChannelMeanBgr, 1, 1)
            : MeanImagePreprocess(meanPath);
        return new CntkResNet18(spec, preprocessing, meanPath, output);
    }

    /// <summary>Channels of the given output (256 for <see cref="ResNetOutput.Stage3"/>, 512 otherwise).</summary>
    /// <param name="output">Output kind.</param>
    public int Channels(ResNetOutput output) => output == ResNetOutput.Stage3 ? layer3[^1].OutChannels : layer4[^1].OutChannels;

    /// <summary>
    /// Spatial size of a feature map for an input of <paramref name="height"/>×<paramref name="width"/> pixels
    /// (each stride-s layer maps n to ceil(n/s)); (1, 1) for <see cref="ResNetOutput.Pooled"/>.
    /// </summary>
    /// <param name="height">Input height in pixels (at least 1).</param>
    /// <param name="width">Input width in pixels (at least 1).</param>
    /// <param name="output">Output kind.</param>
    public (int Height, int Width) FeatureMapSize(int height, int width, ResNetOutput output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (output == ResNetOutput.Pooled)
        {
            return (1, 1);
        }

        var strides = new List<(int H, int W)> { conv1.Stride, maxpool.Stride };
        strides.AddRange(BlocksUpTo(output).Select(block => block.Stride));
        foreach ((int strideH, int strideW) in strides)
        {
            height = CntkSamePadding.OutputSize(height, strideH);
            width = CntkSamePadding.OutputSize(width, strideW);
        }

        return (height, width);
    }

    /// <summary>Features of <paramref name="images"/> as selected by <see cref="Output"/>.</summary>
    /// <param name="images">RGB, values 0..255, float32 <c>[B, 3, H, W]</c>.</param>
    /// <returns>A caller-owned tensor (see <see cref="ResNetOutput"/> for shapes).</returns>
    public override Tensor forward(Tensor images) => forward(images, Output);

    /// <summary>Features of <paramref name="images"/>.</summary>
    /// <param name="images">RGB, values 0..255, float32 <c>[B, 3, H, W]</c>.</param>
    /// <param name="output">Which features to return; <see cref="ResNetOutput.Stage3"/> skips stage 4.</param>
    /// <returns>A caller-owned tensor (see <see cref="ResNetOutput"/> for shapes).</returns>
    /// <exception cref="ArgumentException">The images are not float32 <c>[B, 3, H, W]</c> with B, H, W ≥ 1.</exception>
    public Tensor forward(Tensor images, ResNetOutput output)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] != 3 || images.shape[0] < 1 || images.shape[2] < 1 || images.shape[3] < 1
            || images.dtype != ScalarType.Float32)
        {
            throw new ArgumentException(
                $"Expected float32 RGB images [B, 3, H, W], got {images.dtype} [{string.Join(", ", images.shape)}].", nameof(images));
        }

        if (!Enum.IsDefined(output))
        {
            throw new ArgumentOutOfRangeException(nameof(output), output, "Unknown ResNetOutput.");
        }

        using var scope = torch.NewDisposeScope();
        using IDisposable? noGrad = images.requires_grad ? null : torch.no_grad();
        Tensor x = Release(preprocess.forward(images), input => Release(conv1.forward(input).relu_(), maxpool.forward));
        foreach (CntkBasicBlock block in BlocksUpTo(output))
        {
            x = Release(x, block.forward);
        }

        Tensor result = output == ResNetOutput.Pooled ? x.mean([2, 3]) : x;
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The pooled feature <c>[B, 512]</c> from a stage-3 map <c>[B, 256, h, w]</c> (for example cached hybrid-stem
    /// features): stage 4, then the global mean. Equals <c>forward(images, Pooled)</c> on the images the map came from.
    /// </summary>
    /// <exception cref="ArgumentException">The map is not a floating-point <c>[B, C3, h, w]</c> tensor with stage 3's channel count.</exception>
    public Tensor PooledFromStage3(Tensor stage3)
    {
        ArgumentNullException.ThrowIfNull(stage3);
        int channels = Channels(ResNetOutput.Stage3);
        if (stage3.dim() != 4 || stage3.shape[1] != channels || !stage3.is_floating_point())
            throw new ArgumentException($"Expected a floating-point stage-3 map [B, {channels}, h, w], got {stage3.dtype} [{string.Join(", ", stage3.shape)}].", nameof(stage3));
        using var scope = torch.NewDisposeScope();
        using IDisposable? noGrad = stage3.requires_grad ? null : torch.no_grad();
        Tensor x = stage3.to(ScalarType.Float32);
        foreach (CntkBasicBlock block in layer4) x = block.forward(x);
        return x.mean([2, 3]).MoveToOuterDisposeScope();
    }

    /// <summary>Applies <paramref name="layer"/> and frees <paramref name="input"/> at once (keeps peak memory low).</summary>
    private static Tensor Release(Tensor input, Func<Tensor, Tensor> layer)
    {
        using (input)
        {
            return layer(input);
        }
    }

    private IEnumerable<CntkBasicBlock> BlocksUpTo(ResNetOutput output)
    {
        IEnumerable<CntkBasicBlock> blocks = layer1.Concat(layer2).Concat(layer3);
        return output == ResNetOutput.Stage3 ? blocks : blocks.Concat(layer4);
    }

    private static CntkImagePreprocess MeanImagePreprocess(string path)
    {
        (float[] meanBgr, int height, int width) = CntkMeanImageReader.Read(path);
        return new CntkImagePreprocess("preprocess", meanBgr, height, width);
    }

    private static ModuleList<CntkBasicBlock> Stage(IReadOnlyList<BasicBlockSpec> blocks) =>
        nn.ModuleList(blocks.Select((block, index) => new CntkBasicBlock(index.ToString(System.Globalization.CultureInfo.InvariantCulture), block)).ToArray());
}
