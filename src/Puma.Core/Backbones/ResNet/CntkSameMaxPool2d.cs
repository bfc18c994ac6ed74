using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Puma.Backbones.ResNet;

/// <summary>
/// Max-pooling with <see cref="CntkSamePadding"/> recomputed for each input size (see <see cref="CntkSamePadded"/>);
/// padding never wins the max. The CNTK begin pad is at most <c>kernel / 2</c>, as max-pooling requires.
/// </summary>
internal sealed class CntkSameMaxPool2d : nn.Module<Tensor, Tensor>
{
    private readonly (int H, int W) _kernel;
    private readonly (int H, int W) _stride;

    public CntkSameMaxPool2d(string name, MaxPoolSpec spec)
        : base(name)
    {
        _kernel = spec.Kernel;
        _stride = spec.Stride;
    }

    /// <summary>Stride (h, w).</summary>
    public (int H, int W) Stride => _stride;

    public override Tensor forward(Tensor input) =>
        CntkSamePadded.Apply(input, _kernel, _stride, (x, padding) => F.max_pool2d(x, [_kernel.H, _kernel.W], [_stride.H, _stride.W], padding));
}
