using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Tensors;

/// <summary>
/// L2 normalisation that keeps zero vectors at zero: <c>x / max(‖x‖₂, eps)</c>. A zero row stays exactly zero (no NaN)
/// and its gradient is finite. Half-precision inputs are normalised in float32 and cast back, because
/// <c>eps</c> would underflow to 0 in float16.
/// </summary>
public static class L2Normalization
{
    /// <summary>The default lower bound on the norm (the value <c>torch.nn.functional.normalize</c> uses).</summary>
    public const double DefaultEpsilon = 1e-12;

    /// <summary>Divides <paramref name="x"/> by its L2 norm along <paramref name="dim"/>, clamped below at <paramref name="eps"/>.</summary>
    /// <param name="x">A floating-point tensor.</param>
    /// <param name="dim">The dimension to normalise along (default: the last).</param>
    /// <param name="eps">The smallest norm divided by; must be positive.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s dtype and shape, caller-owned, differentiable.</returns>
    public static Tensor Normalize(Tensor x, int dim = -1, double eps = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!x.is_floating_point())
        {
            throw new ArgumentException($"Expected a floating-point tensor, got {x.dtype}.", nameof(x));
        }
        if (!(eps > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be positive.");
        }
        using var scope = torch.NewDisposeScope();
        var reduced = x.dtype is ScalarType.Float16 or ScalarType.BFloat16;
        var work = reduced ? x.to_type(ScalarType.Float32) : x;
        var norm = work.norm(dim, keepdim: true).clamp_min(eps);
        var result = work / norm;
        return (reduced ? result.to_type(x.dtype) : result).MoveToOuterDisposeScope();
    }
}
