namespace Puma.Backbones.ResNet;

/// <summary>
/// CNTK's "same" (auto) padding along one spatial axis, which the CNTK-exported ResNet-18 relies on. The output size is
/// <c>ceil(in / stride)</c>; the total padding <c>max((ceil(in/s) - 1)·s + k - in, 0)</c> is split with the larger half at
/// the beginning (top/left). ONNX files store the result for one input size only, so it is recomputed per input.
/// </summary>
public static class CntkSamePadding
{
    /// <summary>Padding before and after an axis of <paramref name="inputSize"/> elements.</summary>
    /// <param name="inputSize">Length of the axis (at least 1).</param>
    /// <param name="kernelSize">Kernel length along the axis (at least 1).</param>
    /// <param name="stride">Stride along the axis (at least 1).</param>
    /// <returns><c>Begin = ceil(total/2)</c>, <c>End = floor(total/2)</c>.</returns>
    public static (int Begin, int End) Compute(int inputSize, int kernelSize, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        long total = Math.Max(((OutputSize(inputSize, stride) - 1L) * stride) + kernelSize - inputSize, 0L);
        return ((int)((total + 1) / 2), (int)(total / 2));
    }

    /// <summary>Output length under same padding: <c>ceil(inputSize / stride)</c>.</summary>
    /// <param name="inputSize">Length of the axis (at least 1).</param>
    /// <param name="stride">Stride along the axis (at least 1).</param>
    public static int OutputSize(int inputSize, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        return (int)((inputSize + (long)stride - 1) / stride);
    }
}
