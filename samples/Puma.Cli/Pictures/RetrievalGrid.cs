using Puma.Data;
using SkiaSharp;
using Puma.Cli.Embeddings;

namespace Puma.Cli.Pictures;

/// <summary>
/// <c>retrieval-grid.png</c>: a few test queries per dataset (evenly spaced through the dataset), each followed by its
/// <c>k</c> nearest neighbours in the merged gallery (itself excluded), in rank order. The query is framed in blue, a
/// neighbour of its class in green (hit), any other in red (miss).
/// </summary>
internal static class RetrievalGrid
{
    public const string FileName = "retrieval-grid.png";
    public const int Tile = 96;
    public const int Frame = 4;
    public static readonly SKColor QueryFrame = new(0x1F, 0x5F, 0xD0);
    public static readonly SKColor HitFrame = new(0x2C, 0xA0, 0x2C);
    public static readonly SKColor MissFrame = new(0xD6, 0x27, 0x28);

    /// <summary>The rows: query index, then its neighbours' indices (exposed for tests).</summary>
    public static IReadOnlyList<(int Query, int[] Neighbours)> Rows(UniversalDataset images, float[] embeddings, int dim, int queriesPerDataset, int k)
    {
        int n = images.Samples.Count;
        if (embeddings.Length != (long)n * dim) throw new ArgumentException($"{embeddings.Length} values for {n} images of width {dim}.", nameof(embeddings));
        var queries = Enumerable.Range(0, images.DatasetNames.Count).SelectMany(d =>
        {
            var members = Enumerable.Range(0, n).Where(i => images.Samples[i].DatasetIndex == d).ToList();
            return Enumerable.Range(0, Math.Min(queriesPerDataset, members.Count)).Select(j => members[j * members.Count / queriesPerDataset]);
        }).ToList();
        var rows = new List<(int, int[])>();
        foreach (int q in queries)
        {
            var top = NearestNeighbours.Top(embeddings, dim, embeddings.AsSpan(q * dim, dim), Math.Min(k + 1, n));
            rows.Add((q, top.Select(t => t.Index).Where(i => i != q).Take(k).ToArray()));
        }
        return rows;
    }

    public static void Save(string path, UniversalDataset images, float[] embeddings, int dim, int queriesPerDataset = 2, int k = 8)
    {
        var rows = Rows(images, embeddings, dim, queriesPerDataset, k);
        int columns = 1 + rows.Max(r => r.Neighbours.Length);
        using var grid = new SKBitmap(new SKImageInfo(columns * Tile, rows.Count * Tile, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(grid))
        {
            canvas.Clear(SKColors.White);
            for (int r = 0; r < rows.Count; r++)
            {
                var (query, neighbours) = rows[r];
                DrawTile(canvas, images.Samples[query].Path, 0, r * Tile, QueryFrame);
                for (int c = 0; c < neighbours.Length; c++)
                {
                    bool hit = images.Samples[neighbours[c]].Label == images.Samples[query].Label;
                    DrawTile(canvas, images.Samples[neighbours[c]].Path, (c + 1) * Tile, r * Tile, hit ? HitFrame : MissFrame);
                }
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var data = grid.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path + ".tmp", data.ToArray());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static void DrawTile(SKCanvas canvas, string file, int left, int top, SKColor frame)
    {
        using (var paint = new SKPaint { Color = frame, Style = SKPaintStyle.Fill })
            canvas.DrawRect(SKRect.Create(left, top, Tile, Tile), paint);
        var inner = SKRect.Create(left + Frame, top + Frame, Tile - 2 * Frame, Tile - 2 * Frame);
        using (var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill })
            canvas.DrawRect(inner, white);
        using var image = SKBitmap.Decode(file) ?? throw new InvalidDataException($"Cannot decode {file} for the retrieval grid.");
        float scale = Math.Min(inner.Width / image.Width, inner.Height / image.Height);
        float width = image.Width * scale, height = image.Height * scale;
        using var sampled = SKImage.FromBitmap(image);
        canvas.DrawImage(sampled, SKRect.Create(inner.MidX - width / 2, inner.MidY - height / 2, width, height), new SKSamplingOptions(SKFilterMode.Linear));
    }
}
