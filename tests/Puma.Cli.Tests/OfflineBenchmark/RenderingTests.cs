using NUnit.Framework;
using Puma.Cli.OfflineBenchmark;
using Puma.Data;

namespace Puma.Cli.Tests.OfflineBenchmark;

public class RenderingTests
{
    private static readonly (byte, byte, byte) White = (255, 255, 255);

    /// <summary>Column range of the non-white pixels of row <paramref name="y"/>.</summary>
    private static (int First, int Last) InkColumns(RgbImage image, int y)
    {
        var ink = Enumerable.Range(0, image.Width).Where(x => image.GetPixel(x, y) != White).ToList();
        return (ink.First(), ink.Last());
    }

    [Test]
    public void AnSvgIsCroppedCentredAndScaledToFitWithAMargin()
    {
        // A 40×20 red bar drawn off-centre on a 200×200 page.
        const string svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200">
              <rect x="10" y="150" width="40" height="20" fill="#ff0000"/>
            </svg>
            """;
        RgbImage image = SvgRaster.RenderText(svg)!;
        Assert.That((image.Width, image.Height), Is.EqualTo((112, 112)));
        foreach (var (x, y) in new[] { (0, 0), (111, 0), (0, 111), (111, 111), (56, 20) })
        {
            Assert.That(image.GetPixel(x, y), Is.EqualTo(White), $"pixel {x},{y}");
        }
        Assert.That(image.GetPixel(56, 56), Is.EqualTo(((byte)255, (byte)0, (byte)0)));
        var (first, last) = InkColumns(image, 56);
        Assert.That(first, Is.InRange(5, 7)); // 100 px of content: a 6 px margin each side
        Assert.That(last, Is.InRange(104, 106));
    }

    [Test]
    public void TransparentPixelsBecomeWhiteAndTheVisiblePartIsCentred()
    {
        // 100×50 RGBA, transparent except a 10×30 half-transparent blue block at the right edge.
        int w = 100, h = 50;
        var rgba = new byte[w * h * 4];
        for (int y = 10; y < 40; y++)
        {
            for (int x = 90; x < 100; x++)
            {
                rgba[(y * w + x) * 4 + 2] = 255;
                rgba[(y * w + x) * 4 + 3] = 128;
            }
        }
        RgbImage image = SquareImages.FitRgba(w, h, rgba)!;
        Assert.That((image.Width, image.Height), Is.EqualTo((112, 112)));
        Assert.That(image.GetPixel(0, 0), Is.EqualTo(White));
        Assert.That(image.GetPixel(56, 56), Is.EqualTo(((byte)127, (byte)127, (byte)255)));
        var (first, last) = InkColumns(image, 56);
        Assert.That((first + last) / 2.0, Is.EqualTo(55.5).Within(1.0));
        Assert.That(SquareImages.FitRgba(4, 4, new byte[64]), Is.Null);
    }

    [Test]
    public void OneElementOfAMultiElementFileIsRenderedAloneWithItsTemplates()
    {
        // Two "cards": the club one uses a template drawn in a hidden layer, placed off the page.
        const string svg = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100" viewBox="0 0 100 100">
              <g id="templates"><rect id="pip" x="0" y="500" width="10" height="10" fill="#00ff00"/></g>
              <g id="heart"><rect x="10" y="10" width="30" height="40" fill="#ff0000"/></g>
              <g id="club"><rect x="250" y="10" width="30" height="40" fill="#0000ff"/>
                <use xlink:href="#pip" transform="translate(260,-470)"/></g>
            </svg>
            """;
        string path = Path.Combine(Path.GetTempPath(), $"puma-deck-{Guid.NewGuid():N}.svg");
        File.WriteAllText(path, svg);
        try
        {
            var renderer = new SvgElementRenderer(path);
            RgbImage heart = renderer.Render("heart")!;
            RgbImage club = renderer.Render("club")!;
            Assert.That(heart.GetPixel(56, 56), Is.EqualTo(((byte)255, (byte)0, (byte)0)));
            Assert.That(heart.GetPixel(0, 0), Is.EqualTo(White));
            Assert.That(heart.Pixels.Chunk(3).Any(p => p[2] == 255 && p[0] == 0), Is.False, "no blue from the other card");
            Assert.That(club.Pixels.Chunk(3).Count(p => p[0] == 0 && p[1] == 255 && p[2] == 0), Is.GreaterThan(100), "the green pip");
            Assert.That(club.Pixels.Chunk(3).Any(p => p[0] == 255 && p[1] == 0), Is.False, "no red from the other card");
            Assert.That(renderer.Render("missing"), Is.Null);
            // The tree is restored after each rendering: the first card renders the same again.
            Assert.That(renderer.Render("heart")!.Pixels, Is.EqualTo(heart.Pixels));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void NamesMapBetweenThePackagesConventions()
    {
        Assert.That(CardSet.ClipartName("queen_heart"), Is.EqualTo("h_q"));
        Assert.That(CardSet.ClipartName("1_club"), Is.EqualTo("c_a"));
        Assert.That(CardSet.ClipartName("10_spade"), Is.EqualTo("s_10"));
        Assert.That(CardSet.CardIds.Count(), Is.EqualTo(52));
        Assert.That(EmojiSet.ClassName("+1"), Is.EqualTo("+1"));
        Assert.That(EmojiSet.ClassName("Flag-ÉU x"), Is.EqualTo("flag-_u_x"));
        Assert.That(EmojiOneNames.Candidates("2764-FE0F", "2764"), Is.EqualTo(new[] { "2764-FE0F.png", "2764.png" }));
        Assert.That(KanjiSet.ClassName("亜"), Is.EqualTo("4E9C-亜"));
        Assert.That(JisLevel1Kanji.All, Has.Count.EqualTo(2965));
        Assert.That(JisLevel1Kanji.All[0], Is.EqualTo("亜"));
    }
}
