// A consumer of the packed Puma packages (scripts/package-smoke.sh copies this folder outside the repository):
// builds a tiny PUMA model, embeds one decoded PNG and prints the dimension and the L2 norm of its embedding.
using Puma.Adapters;
using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Data;
using Puma.Models;
using Puma.Prompts;
using SkiaSharp;

string png = Path.Combine(Path.GetTempPath(), $"puma-smoke-{Environment.ProcessId}.png");
using (var bitmap = new SKBitmap(32, 32))
{
    for (int y = 0; y < 32; y++)
        for (int x = 0; x < 32; x++)
            bitmap.SetPixel(x, y, new SKColor((byte)(x * 8), (byte)(y * 8), (byte)((x + y) * 4)));
    using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
    File.WriteAllBytes(png, data.ToArray());
}

using var model = UniversalMetricModel.CreateBuilder()
    .WithBackbone(Backbone.Vit(new VitConfig(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 8, ImageSize: 32)))
    .WithStochasticAdapters(a => a.BottleneckDim(8))
    .WithPromptPool(p => p.Components(4).Length(2))
    .WithEmbeddingDim(16)
    .WithSeed(1)
    .Build();
float[] embedding = model.Embed(ImageDecoder.Decode(png));
File.Delete(png);
double norm = Math.Sqrt(embedding.Sum(v => (double)v * v));
Console.WriteLine($"embedding dim {embedding.Length} norm {norm:F6}");
return embedding.Length == 16 && Math.Abs(norm - 1) < 1e-4 ? 0 : 1;
