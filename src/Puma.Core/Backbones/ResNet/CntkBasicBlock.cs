using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Backbones.ResNet;

/// <summary>
/// A frozen basic residual block: <c>relu(conv2(relu(conv1(x))) + shortcut(x))</c>, batch norms folded into the
/// convolutions; the shortcut is <c>downsample</c> (1×1 conv) when the shape changes, identity otherwise.
/// </summary>
internal sealed class CntkBasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly CntkSameConv2d conv1;
    private readonly CntkSameConv2d conv2;
    private readonly CntkSameConv2d? downsample;

    public CntkBasicBlock(string name, BasicBlockSpec spec)
        : base(name)
    {
        conv1 = new CntkSameConv2d("conv1", spec.Conv1);
        conv2 = new CntkSameConv2d("conv2", spec.Conv2);
        downsample = spec.Downsample is null ? null : new CntkSameConv2d("downsample", spec.Downsample);
        RegisterComponents();
    }

    /// <summary>Output channels.</summary>
    public int OutChannels => conv2.OutChannels;

    /// <summary>Spatial stride of the block (h, w).</summary>
    public (int H, int W) Stride => (conv1.Stride.H * conv2.Stride.H, conv1.Stride.W * conv2.Stride.W);

    public override Tensor forward(Tensor input)
    {
        using Tensor hidden = conv1.forward(input).relu_();
        Tensor output = conv2.forward(hidden);
        if (downsample is null)
        {
            return output.add_(input).relu_();
        }

        using Tensor shortcut = downsample.forward(input);
        return output.add_(shortcut).relu_();
    }
}
