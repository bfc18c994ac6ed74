using Microsoft.Extensions.Logging;
using Puma.Data;
using SkiaSharp;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// JIS X 0208 level-1 kanji rendered in 18 fonts from 16 Debian packages (Mincho/Ming, Gothic/Hei, Kai,
/// Fangsong, rounded, brush and handwriting styles). Each glyph outline is drawn black on white, its ink box
/// centred and scaled to fit <see cref="SquareImages.Content"/> pixels. A font's glyph is used only when its
/// character map has it, it maps no other level-1 kanji to the same glyph, and its outline is not empty (no tofu).
/// </summary>
internal sealed class KanjiSet : IBenchmarkSet
{
    private const float GlyphSize = 100f;

    /// <summary>(package, font file under the package's unpacked tree, style name).</summary>
    private static readonly (string Package, string File, string Style)[] Fonts =
    [
        ("fonts-ipafont-mincho", "usr/share/fonts/opentype/ipafont-mincho/ipam.ttf", "ipa-mincho"),
        ("fonts-ipafont-gothic", "usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", "ipa-gothic"),
        ("fonts-sawarabi-mincho", "usr/share/fonts/truetype/sawarabi-mincho/sawarabi-mincho-medium.ttf", "sawarabi-mincho"),
        ("fonts-vlgothic", "usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf", "vl-gothic"),
        ("fonts-motoya-l-maruberi", "usr/share/fonts/truetype/motoya-l-maruberi/MTLmr3m.ttf", "motoya-maruberi"),
        ("fonts-wqy-zenhei", "usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "wqy-zenhei"),
        ("fonts-arphic-uming", "usr/share/fonts/truetype/arphic/uming.ttc", "arphic-uming"),
        ("fonts-arphic-ukai", "usr/share/fonts/truetype/arphic/ukai.ttc", "arphic-ukai"),
        ("fonts-cwtex-fs", "usr/share/fonts/truetype/cwtex/cwfs.ttf", "cwtex-fangsong"),
        ("fonts-cwtex-kai", "usr/share/fonts/truetype/cwtex/cwkai.ttf", "cwtex-kai"),
        ("fonts-cwtex-yen", "usr/share/fonts/truetype/cwtex/cwyen.ttf", "cwtex-yen"),
        ("fonts-aoyagi-kouzan-t", "usr/share/fonts/truetype/aoyagi-kouzan-t/AoyagiKouzanT.ttf", "aoyagi-kouzan"),
        ("fonts-aoyagi-soseki", "usr/share/fonts/truetype/aoyagi-soseki/aoyagi-soseki.ttf", "aoyagi-soseki"),
        ("fonts-kouzan-mouhitsu", "usr/share/fonts/truetype/kouzan-mouhitsu/kouzan-mouhitsu-gyosho.ttf", "kouzan-gyosho"),
        ("fonts-kouzan-mouhitsu", "usr/share/fonts/truetype/kouzan-mouhitsu/KouzanBrushFontSousyo.ttf", "kouzan-sousho"),
        ("fonts-seto", "usr/share/fonts/truetype/seto/setofont.ttf", "seto"),
        ("fonts-yusei-magic", "usr/share/fonts/truetype/yusei-magic/YuseiMagic-Regular.ttf", "yusei-magic"),
        ("fonts-kiloji", "usr/share/fonts/truetype/kiloji/kiloji.ttf", "kiloji"),
    ];

    /// <inheritdoc/>
    public string Name => "kanji";

    /// <inheritdoc/>
    public SplitSizes Sizes { get; } = new(0, 160, 120);

    /// <inheritdoc/>
    public bool HasStyleAxis => true;

    /// <inheritdoc/>
    public IReadOnlyList<PackageSource> Packages { get; } = Fonts
        .Select(f => f.Package).Distinct()
        .Select(p => PackageSource.Deb(p, "usr/share/fonts/", $"usr/share/doc/{p}/"))
        .ToList();

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>> CollectAsync(PackageCache cache, ILogger logger, CancellationToken ct)
    {
        IReadOnlyList<string> kanji = JisLevel1Kanji.All;
        var recipes = kanji.ToDictionary(k => k, _ => new List<ImageRecipe>(), StringComparer.Ordinal);
        foreach (var (package, file, style) in Fonts)
        {
            ct.ThrowIfCancellationRequested();
            string path = Path.Combine(cache.UnpackedPath(PackageSource.Deb(package)), file);
            SKTypeface typeface = SKTypeface.FromFile(path)
                ?? throw new InvalidDataException($"SkiaSharp cannot load the font '{path}'.");
            ushort[] glyphs;
            using (var font = new SKFont(typeface, GlyphSize))
            {
                glyphs = kanji.Select(k => HasInk(font, font.GetGlyph(char.ConvertToUtf32(k, 0)))).ToArray();
            }
            var shared = glyphs.Where(g => g != 0).GroupBy(g => g).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
            int covered = 0;
            for (int i = 0; i < kanji.Count; i++)
            {
                if (glyphs[i] == 0 || shared.Contains(glyphs[i]))
                {
                    continue;
                }
                covered++;
                ushort glyph = glyphs[i];
                recipes[kanji[i]].Add(new ImageRecipe(style, _ => Task.FromResult(Render(typeface, glyph))));
            }
            logger.LogInformation("kanji: {Style} covers {Covered} of {Total} level-1 kanji ({Shared} shared glyphs left out)",
                style, covered, kanji.Count, shared.Count);
        }
        IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>> result = recipes
            .Where(r => r.Value.Count >= 2)
            .ToDictionary(r => ClassName(r.Key), r => (IReadOnlyList<ImageRecipe>)r.Value, StringComparer.Ordinal);
        return Task.FromResult(result);
    }

    /// <summary>Folder name of a kanji class: its code point and the character, e.g. "4E9C-亜".</summary>
    public static string ClassName(string kanji) => $"{char.ConvertToUtf32(kanji, 0):X4}-{kanji}";

    /// <summary><paramref name="glyph"/> when its outline has ink, else 0 (missing).</summary>
    private static ushort HasInk(SKFont font, ushort glyph)
    {
        if (glyph == 0)
        {
            return 0;
        }
        using SKPath? outline = font.GetGlyphPath(glyph);
        return outline is null || outline.IsEmpty || outline.TightBounds.Width < 1 || outline.TightBounds.Height < 1 ? (ushort)0 : glyph;
    }

    /// <summary>Draws one glyph outline black on white, its ink box centred and scaled to the content size.</summary>
    public static RgbImage? Render(SKTypeface typeface, ushort glyph)
    {
        using var font = new SKFont(typeface, GlyphSize);
        using SKPath? outline = font.GetGlyphPath(glyph);
        if (outline is null || outline.IsEmpty || outline.TightBounds.Width < 1 || outline.TightBounds.Height < 1)
        {
            return null;
        }
        SKRect ink = outline.TightBounds;
        float scale = SquareImages.Content / Math.Max(ink.Width, ink.Height);
        var info = new SKImageInfo(SquareImages.Size, SquareImages.Size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Fill })
        {
            canvas.Clear(SKColors.White);
            canvas.Translate(SquareImages.Size / 2f, SquareImages.Size / 2f);
            canvas.Scale(scale);
            canvas.Translate(-ink.MidX, -ink.MidY);
            canvas.DrawPath(outline, paint);
        }
        return ImageDecoder.FromBitmap(bitmap);
    }
}
