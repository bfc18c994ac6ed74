namespace Puma.Data;

/// <summary>
/// Per-channel normalisation (v/255 − mean) / std of RGB values. Take the constants from the checkpoint's
/// configuration (reference case BR-32); the presets below are the common ones.
/// </summary>
public sealed record ImageNormalization
{
    /// <summary>Creates a normalisation with three means and three standard deviations (R, G, B order).</summary>
    public ImageNormalization(IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != 3 || std.Count != 3)
        {
            throw new ArgumentException($"Mean and std need 3 values each (R, G, B); got {mean.Count} and {std.Count}.");
        }
        for (int c = 0; c < 3; c++)
        {
            if (!double.IsFinite(mean[c]))
            {
                throw new ArgumentOutOfRangeException(nameof(mean), mean[c], $"Mean of channel {c} is not finite.");
            }
            if (!double.IsFinite(std[c]) || std[c] <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(std), std[c], $"Std of channel {c} must be positive and finite.");
            }
        }
        Mean = [mean[0], mean[1], mean[2]];
        Std = [std[0], std[1], std[2]];
    }

    /// <summary>mean = std = 0.5 (timm AugReg ViTs, PUMA): maps 0..255 to −1..1.</summary>
    public static ImageNormalization Half { get; } = new([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]);

    /// <summary>ImageNet statistics: mean 0.485/0.456/0.406, std 0.229/0.224/0.225 (DeiT, many CNNs).</summary>
    public static ImageNormalization ImageNet { get; } = new([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);

    /// <summary>OpenAI CLIP statistics.</summary>
    public static ImageNormalization Clip { get; } =
        new([0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711]);

    /// <summary>Channel means in 0..1 units (R, G, B).</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>Channel standard deviations in 0..1 units (R, G, B).</summary>
    public IReadOnlyList<double> Std { get; }

    /// <summary>Normalises one 8-bit value of channel <paramref name="channel"/> (0 = R, 1 = G, 2 = B).</summary>
    public float Apply(byte value, int channel) => (float)((value / 255.0 - Mean[channel]) / Std[channel]);
}
