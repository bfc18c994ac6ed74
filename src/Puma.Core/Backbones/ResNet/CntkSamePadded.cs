using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Backbones.ResNet;

/// <summary>
/// Runs a sliding-window operator with CNTK "same" padding without copying the input into a padded buffer.
/// The CNTK pads are <c>begin ≥ end</c>; the operator is applied with the symmetric padding <c>begin</c> (window
/// start positions <c>-begin + i·stride</c> are then the same as with the asymmetric pads) and any extra trailing
/// output row or column, which only the symmetric padding can produce, is cut off.
/// </summary>
internal static class CntkSamePadded
{
    /// <summary>
    /// Applies <paramref name="windowed"/> (called with the symmetric padding [top, left]) and crops the result to
    /// <c>ceil(in / stride)</c> per axis.
    /// </summary>
    public static Tensor Apply(Tensor input, (int H, int W) kernel, (int H, int W) stride, Func<Tensor, long[], Tensor> windowed)
    {
        int height = (int)input.shape[2], width = (int)input.shape[3];
        (int top, _) = CntkSamePadding.Compute(height, kernel.H, stride.H);
        (int left, _) = CntkSamePadding.Compute(width, kernel.W, stride.W);
        Tensor output = windowed(input, [top, left]);
        long outHeight = CntkSamePadding.OutputSize(height, stride.H), outWidth = CntkSamePadding.OutputSize(width, stride.W);
        if (output.shape[2] == outHeight && output.shape[3] == outWidth)
        {
            return output;
        }

        using (output)
        {
            return output[.., .., ..(int)outHeight, ..(int)outWidth].contiguous();
        }
    }
}
