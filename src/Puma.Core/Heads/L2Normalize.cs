using static TorchSharp.torch;

namespace Puma.Heads;

/// <summary>Row-wise L2 normalisation that maps a zero vector to zero (never NaN), as <c>F.normalize(eps=1e-12)</c>.</summary>
public static class L2Normalize
{
    /// <summary>The smallest norm used as divisor.</summary>
    public const double Epsilon = 1e-12;

    /// <summary><c>x / max(‖x‖₂, eps)</c> along the last dimension.</summary>
    public static Tensor Rows(Tensor x) => x / x.norm(dim: -1, keepdim: true).clamp_min(Epsilon);
}
