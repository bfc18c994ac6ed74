using static TorchSharp.torch;

namespace Puma.Checkpoints;

internal static class TensorDtypeExtensions
{
    public static bool IsFloatingPoint(this ScalarType dtype) =>
        dtype is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;
}
