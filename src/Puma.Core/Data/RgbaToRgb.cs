namespace Puma.Data;

/// <summary>Turns straight (unpremultiplied) RGBA bytes into RGB bytes under an <see cref="AlphaHandling"/>.</summary>
internal static class RgbaToRgb
{
    /// <summary>Converts <paramref name="pixelCount"/> pixels of <paramref name="rgba"/> into <paramref name="rgb"/>.</summary>
    public static void Convert(ReadOnlySpan<byte> rgba, Span<byte> rgb, int pixelCount, AlphaHandling alpha)
    {
        if (alpha == AlphaHandling.DropAlpha)
        {
            for (int i = 0; i < pixelCount; i++)
            {
                rgb[i * 3] = rgba[i * 4];
                rgb[i * 3 + 1] = rgba[i * 4 + 1];
                rgb[i * 3 + 2] = rgba[i * 4 + 2];
            }
            return;
        }
        int background = alpha == AlphaHandling.CompositeOnWhite ? 255 : 0;
        for (int i = 0; i < pixelCount; i++)
        {
            int a = rgba[i * 4 + 3];
            for (int c = 0; c < 3; c++)
            {
                rgb[i * 3 + c] = Composite(rgba[i * 4 + c], a, background);
            }
        }
    }

    /// <summary>
    /// round((a·fg + (255 − a)·bg) / 255). The numerator is never an exact half of 255 (odd), so adding 127
    /// before the integer division rounds to nearest.
    /// </summary>
    public static byte Composite(int foreground, int alpha, int background) =>
        (byte)((alpha * foreground + (255 - alpha) * background + 127) / 255);
}
