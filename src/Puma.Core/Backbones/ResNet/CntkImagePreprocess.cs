using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Puma.Backbones.ResNet;

/// <summary>
/// The CNTK ImageNet input convention: RGB 0..255 → BGR, minus a mean image (no /255, no std). The mean image
/// (<c>mean_image</c>, <c>[1, 3, h, w]</c>, BGR) is resized to other input sizes by area averaging
/// (<c>adaptive_avg_pool2d</c>, i.e. PyTorch's <c>interpolate(mode="area")</c>: exact 2×2 means at half size);
/// a <c>[1, 3, 1, 1]</c> mean broadcasts to any size.
/// </summary>
internal sealed class CntkImagePreprocess : nn.Module<Tensor, Tensor>
{
    private readonly Tensor mean_image;

    public CntkImagePreprocess(string name, float[] meanBgr, int height, int width)
        : base(name)
    {
        mean_image = FrozenTensors.Buffer(meanBgr, 1, 3, height, width);
        RegisterComponents();
    }

    public override Tensor forward(Tensor rgb)
    {
        long height = rgb.shape[2], width = rgb.shape[3];
        using Tensor bgr = rgb.flip(1);
        bool broadcastable = mean_image.shape[2] == 1 && mean_image.shape[3] == 1;
        if (broadcastable || (mean_image.shape[2] == height && mean_image.shape[3] == width))
        {
            return bgr - mean_image;
        }

        using Tensor resized = F.adaptive_avg_pool2d(mean_image, [height, width]);
        return bgr - resized;
    }
}
