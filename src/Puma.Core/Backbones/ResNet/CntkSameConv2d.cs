using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Puma.Backbones.ResNet;

/// <summary>
/// A frozen convolution with its batch norm folded in, padded with <see cref="CntkSamePadding"/> recomputed for each
/// input size (see <see cref="CntkSamePadded"/>).
/// </summary>
internal sealed class CntkSameConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly (int H, int W) _kernel;
    private readonly (int H, int W) _stride;

    public CntkSameConv2d(string name, ConvBnSpec spec)
        : base(name)
    {
        (float[] foldedWeight, float[] foldedBias) = BatchNormFolding.Fold(spec);
        weight = FrozenTensors.Parameter(foldedWeight, spec.OutChannels, spec.InChannels, spec.Kernel.H, spec.Kernel.W);
        bias = FrozenTensors.Parameter(foldedBias, spec.OutChannels);
        _kernel = spec.Kernel;
        _stride = spec.Stride;
        RegisterComponents();
    }

    /// <summary>Output channels.</summary>
    public int OutChannels => (int)weight.shape[0];

    /// <summary>Stride (h, w).</summary>
    public (int H, int W) Stride => _stride;

    public override Tensor forward(Tensor input) =>
        CntkSamePadded.Apply(input, _kernel, _stride, (x, padding) => F.conv2d(x, weight, bias, strides: [_stride.H, _stride.W], padding: padding));
}
