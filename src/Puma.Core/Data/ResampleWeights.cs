namespace Puma.Data;

/// <summary>
/// Filter taps of an antialiased bicubic resampling along one axis (Keys kernel, a = −0.5, support 2,
/// widened by the scale factor when shrinking): the scheme of Pillow's <c>Image.resize(..., BICUBIC)</c>.
/// </summary>
internal sealed class ResampleWeights
{
    private const double A = -0.5;
    private const double Support = 2.0;

    private ResampleWeights(int[] first, int[] count, double[] weights, int taps)
    {
        First = first;
        Count = count;
        Weights = weights;
        Taps = taps;
    }

    /// <summary>First input index used by each output index.</summary>
    public int[] First { get; }

    /// <summary>Number of input samples used by each output index.</summary>
    public int[] Count { get; }

    /// <summary>Normalised weights, <see cref="Taps"/> per output index.</summary>
    public double[] Weights { get; }

    /// <summary>Stride of <see cref="Weights"/>.</summary>
    public int Taps { get; }

    /// <summary>Computes the taps that map <paramref name="inSize"/> samples to <paramref name="outSize"/>.</summary>
    public static ResampleWeights Compute(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = Support * filterScale;
        int taps = (int)Math.Ceiling(support) * 2 + 1;
        var first = new int[outSize];
        var count = new int[outSize];
        var weights = new double[outSize * taps];
        for (int o = 0; o < outSize; o++)
        {
            double center = (o + 0.5) * scale;
            int lo = Math.Max((int)(center - support + 0.5), 0);
            int hi = Math.Min((int)(center + support + 0.5), inSize);
            double total = 0;
            for (int i = lo; i < hi; i++)
            {
                double w = Kernel((i - center + 0.5) / filterScale);
                weights[o * taps + i - lo] = w;
                total += w;
            }
            if (total != 0)
            {
                for (int i = lo; i < hi; i++)
                {
                    weights[o * taps + i - lo] /= total;
                }
            }
            first[o] = lo;
            count[o] = hi - lo;
        }
        return new ResampleWeights(first, count, weights, taps);
    }

    private static double Kernel(double x)
    {
        x = Math.Abs(x);
        if (x < 1.0)
        {
            return ((A + 2.0) * x - (A + 3.0)) * x * x + 1.0;
        }
        if (x < 2.0)
        {
            return (((x - 5.0) * x + 8.0) * x - 4.0) * A;
        }
        return 0.0;
    }
}
