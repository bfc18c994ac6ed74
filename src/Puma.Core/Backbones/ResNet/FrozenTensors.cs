using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Backbones.ResNet;

/// <summary>Creates the constant tensors of the frozen network, detached from any enclosing dispose scope.</summary>
internal static class FrozenTensors
{
    /// <summary>A parameter without gradient holding <paramref name="values"/> in the given shape.</summary>
    public static TorchSharp.Modules.Parameter Parameter(float[] values, params long[] shape)
    {
        var parameter = nn.Parameter(Buffer(values, shape), requires_grad: false);
        parameter.DetachFromDisposeScope();
        return parameter;
    }

    /// <summary>A plain tensor holding <paramref name="values"/> in the given shape.</summary>
    public static Tensor Buffer(float[] values, params long[] shape)
    {
        Tensor tensor = torch.tensor(values, shape, dtype: ScalarType.Float32);
        tensor.DetachFromDisposeScope();
        return tensor;
    }
}
