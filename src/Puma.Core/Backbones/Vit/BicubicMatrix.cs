using Puma.Data;

namespace Puma.Backbones.Vit;

/// <summary>
/// The linear map of a one-dimensional bicubic resize as a dense <c>[outSize, inSize]</c> matrix (float64), with the
/// conventions of PyTorch's <c>F.interpolate(mode='bicubic', align_corners=False)</c>: source position
/// <c>(o + 0.5)·in/out − 0.5</c>.
/// </summary>
internal static class BicubicMatrix
{
    private const double NoAntialiasA = -0.75;

    /// <summary>
    /// The matrix of the antialiased resize (<c>antialias=True</c>: Keys kernel a = −0.5, support widened when
    /// shrinking, taps cut at the border and renormalised) or of the plain one (a = −0.75, four taps, border samples
    /// repeated).
    /// </summary>
    public static double[,] Compute(int inSize, int outSize, bool antialias)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outSize, 1);
        var matrix = new double[outSize, inSize];
        if (antialias)
        {
            var taps = ResampleWeights.Compute(inSize, outSize);
            for (int o = 0; o < outSize; o++)
            {
                for (int k = 0; k < taps.Count[o]; k++)
                {
                    matrix[o, taps.First[o] + k] += taps.Weights[o * taps.Taps + k];
                }
            }
            return matrix;
        }
        double scale = (double)inSize / outSize;
        for (int o = 0; o < outSize; o++)
        {
            double source = (o + 0.5) * scale - 0.5;
            int floor = (int)Math.Floor(source);
            double t = source - floor;
            ReadOnlySpan<double> w = [Far(t + 1), Near(t), Near(1 - t), Far(2 - t)];
            for (int k = 0; k < 4; k++)
            {
                matrix[o, Math.Clamp(floor - 1 + k, 0, inSize - 1)] += w[k];
            }
        }
        return matrix;
    }

    // Keys' cubic convolution for |x| ≤ 1 and for 1 < |x| < 2.
    private static double Near(double x) => ((NoAntialiasA + 2) * x - (NoAntialiasA + 3)) * x * x + 1;

    private static double Far(double x) => ((NoAntialiasA * x - 5 * NoAntialiasA) * x + 8 * NoAntialiasA) * x - 4 * NoAntialiasA;
}
