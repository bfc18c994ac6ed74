using Puma.Data;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// Finds images that are near copies of a set of reference images, after both went through the benchmark's fitting
/// (cropped to the ink, centred, 112 px): each image is reduced to a 16×16 RGB fingerprint (7×7 box means) and two
/// fingerprints match when their summed absolute difference is below <see cref="Threshold"/> of their summed ink
/// (255 − value). Used to keep Tux Paint stamps that are OpenClipart drawings (the same lemon, the same houses)
/// out of the clipart source split. References with almost no ink (under <see cref="MinInk"/> of a black
/// fingerprint) are ignored: they would match every faint drawing.
/// </summary>
internal sealed class NearDuplicateIndex
{
    private const int Side = 16;
    private const int Block = SquareImages.Size / Side;

    /// <summary>Largest relative difference of a match (measured on OpenClipart vs Tux Paint: copies ≤ 0.05, others ≥ 0.08).</summary>
    public const double Threshold = 0.065;

    /// <summary>Smallest share of ink a reference needs.</summary>
    public const double MinInk = 0.01;

    private readonly List<(string Name, byte[] Print, long Ink)> references;

    /// <summary>An index of the given fitted reference images, each with a name for <see cref="FindCopy"/>.</summary>
    public NearDuplicateIndex(IEnumerable<(string Name, RgbImage Image)> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        references = images.Select(r => (r.Name, Print: Fingerprint(r.Image)))
            .Select(r => (r.Name, r.Print, Ink: Ink(r.Print)))
            .Where(r => r.Ink >= MinInk * 255 * r.Print.Length)
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Number of references kept.</summary>
    public int Count => references.Count;

    /// <summary>The name of the first reference (ordinal order) that <paramref name="image"/> (fitted, 112 px) nearly copies; null when none.</summary>
    public string? FindCopy(RgbImage image)
    {
        byte[] print = Fingerprint(image);
        long ink = Ink(print);
        return references.FirstOrDefault(r => Distance(print, r.Print) < Threshold * (ink + r.Ink + 1)).Name;
    }

    /// <summary>16×16 RGB box means of a 112×112 image.</summary>
    public static byte[] Fingerprint(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width != SquareImages.Size || image.Height != SquareImages.Size)
        {
            throw new ArgumentException($"A fingerprint needs a {SquareImages.Size}×{SquareImages.Size} image, not {image.Width}×{image.Height}.", nameof(image));
        }
        var print = new byte[Side * Side * 3];
        for (int by = 0; by < Side; by++)
        {
            for (int bx = 0; bx < Side; bx++)
            {
                for (int c = 0; c < 3; c++)
                {
                    int sum = 0;
                    for (int y = 0; y < Block; y++)
                    {
                        for (int x = 0; x < Block; x++)
                        {
                            sum += image.Pixels[((by * Block + y) * image.Width + bx * Block + x) * 3 + c];
                        }
                    }
                    print[(by * Side + bx) * 3 + c] = (byte)((sum + Block * Block / 2) / (Block * Block));
                }
            }
        }
        return print;
    }

    private static long Ink(byte[] print) => print.Sum(v => 255L - v);

    private static long Distance(byte[] a, byte[] b)
    {
        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }
        return sum;
    }
}
