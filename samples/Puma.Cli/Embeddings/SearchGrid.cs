using SkiaSharp;

namespace Puma.Cli.Embeddings;

/// <summary>
/// The PNG of <c>puma search --grid</c>: the query, then its neighbours in rank order, one row of square tiles (each
/// image scaled to fit, centred on white); the query framed in blue, the neighbours in grey.
/// </summary>
internal static class SearchGrid
{
    public const int Tile = 112;
    public const int Frame = 4;
    public static readonly SKColor QueryFrame = new(0x1F, 0x5F, 0xD0);
    public static readonly SKColor NeighbourFrame = new(0xA0, 0xA0, 0xA0);

    public static void Write(string path, string query, IReadOnlyList<string> neighbours)
    {
        if (!Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--grid must end in .png (got '{path}').", "--grid");
        string[] images = [query, .. neighbours];
        using var grid = new SKBitmap(new SKImageInfo(images.Length * Tile, Tile, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(grid))
        {
            canvas.Clear(SKColors.White);
            for (int i = 0; i < images.Length; i++) DrawTile(canvas, images[i], i * Tile, i == 0 ? QueryFrame : NeighbourFrame);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var data = grid.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static void DrawTile(SKCanvas canvas, string file, int left, SKColor frame)
    {
        using (var paint = new SKPaint { Color = frame, Style = SKPaintStyle.Fill })
            canvas.DrawRect(new SKRect(left, 0, left + Tile, Tile), paint);
        var inner = new SKRect(left + Frame, Frame, left + Tile - Frame, Tile - Frame);
        using (var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill })
            canvas.DrawRect(inner, white);
        using var image = SKBitmap.Decode(file) ?? throw new InvalidDataException($"Cannot decode {file} for the grid.");
        float scale = Math.Min(inner.Width / image.Width, inner.Height / image.Height);
        float width = image.Width * scale, height = image.Height * scale;
        var target = SKRect.Create(inner.MidX - width / 2, inner.MidY - height / 2, width, height);
        using var sampled = SKImage.FromBitmap(image);
        canvas.DrawImage(sampled, target, new SKSamplingOptions(SKFilterMode.Linear));
    }
}
