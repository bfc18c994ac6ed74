namespace Puma.Backbones.ResNet;

/// <summary>A convolution followed by an inference-mode batch norm, as read from the ONNX graph.</summary>
/// <param name="Name">Output name of the Conv node (for messages).</param>
/// <param name="Weight">Kernel, <c>[out, in, kh, kw]</c> row-major.</param>
/// <param name="Bias">Convolution bias or null.</param>
/// <param name="OutChannels">Output channels.</param>
/// <param name="InChannels">Input channels.</param>
/// <param name="Kernel">Kernel size (h, w).</param>
/// <param name="Stride">Stride (h, w).</param>
/// <param name="FilePads">The file's static pads <c>[h_begin, w_begin, h_end, w_end]</c>.</param>
/// <param name="BatchNorm">The batch norm applied to the convolution output.</param>
internal sealed record ConvBnSpec(
    string Name,
    float[] Weight,
    float[]? Bias,
    int OutChannels,
    int InChannels,
    (int H, int W) Kernel,
    (int H, int W) Stride,
    long[] FilePads,
    BatchNormSpec BatchNorm);

/// <summary>Inference-mode batch norm parameters: <c>y = (x - Mean) / sqrt(Variance + Epsilon) · Scale + Shift</c>.</summary>
internal sealed record BatchNormSpec(float[] Scale, float[] Shift, float[] Mean, float[] Variance, double Epsilon);

/// <summary>The stem max-pool.</summary>
internal sealed record MaxPoolSpec(string Name, (int H, int W) Kernel, (int H, int W) Stride, long[] FilePads);

/// <summary>A basic residual block: <c>relu(bn2(conv2(relu(bn1(conv1 x)))) + shortcut(x))</c>; the shortcut is identity when <paramref name="Downsample"/> is null.</summary>
internal sealed record BasicBlockSpec(ConvBnSpec Conv1, ConvBnSpec Conv2, ConvBnSpec? Downsample);

/// <summary>The whole network: stem, stages of blocks, and the global average pool at the end.</summary>
/// <param name="Stem">7×7 stem convolution.</param>
/// <param name="MaxPool">Stem max-pool.</param>
/// <param name="Stages">Blocks grouped into stages by output channels.</param>
/// <param name="InputName">Name of the graph input.</param>
/// <param name="DeclaredSize">Input (height, width) declared by the file, or null if symbolic.</param>
internal sealed record ResNetSpec(
    ConvBnSpec Stem,
    MaxPoolSpec MaxPool,
    IReadOnlyList<IReadOnlyList<BasicBlockSpec>> Stages,
    string InputName,
    (int H, int W)? DeclaredSize);
