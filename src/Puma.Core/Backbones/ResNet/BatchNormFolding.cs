namespace Puma.Backbones.ResNet;

/// <summary>
/// Folds an inference-mode batch norm into the preceding convolution (computed in double precision):
/// <c>s = Scale / sqrt(Variance + Epsilon)</c>, <c>W' = W·s</c> per output channel, <c>b' = (b - Mean)·s + Shift</c>.
/// </summary>
internal static class BatchNormFolding
{
    public static (float[] Weight, float[] Bias) Fold(ConvBnSpec conv)
    {
        BatchNormSpec bn = conv.BatchNorm;
        int perChannel = conv.Weight.Length / conv.OutChannels;
        var weight = new float[conv.Weight.Length];
        var bias = new float[conv.OutChannels];
        for (int c = 0; c < conv.OutChannels; c++)
        {
            double scale = bn.Scale[c] / Math.Sqrt((double)bn.Variance[c] + bn.Epsilon);
            for (int i = c * perChannel; i < (c + 1) * perChannel; i++)
            {
                weight[i] = (float)(conv.Weight[i] * scale);
            }

            double convBias = conv.Bias?[c] ?? 0.0;
            bias[c] = (float)(((convBias - bn.Mean[c]) * scale) + bn.Shift[c]);
        }

        return (weight, bias);
    }
}
