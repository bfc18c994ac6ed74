using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Models;
using SkiaSharp;
using TorchSharp;

namespace Puma.Extensions.Tests;

/// <summary>A tiny random PUMA model (ViT D32, depth 2, 16 px, 8-d head) and PNG bytes to feed it.</summary>
internal static class TinyModel
{
    public static UniversalMetricModel Create()
    {
        torch.manual_seed(3);
        return UniversalMetricModel.CreateBuilder()
            .WithBackbone(Backbone.Vit(new VitConfig(EmbedDim: 32, Depth: 2, NumHeads: 2, PatchSize: 8, ImageSize: 16)))
            .WithEmbeddingDim(8)
            .WithSeed(3)
            .Build();
    }

    public static byte[] Png(byte shade)
    {
        using var bitmap = new SKBitmap(16, 16);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 16; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 16), shade, (byte)(y * 16)));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
