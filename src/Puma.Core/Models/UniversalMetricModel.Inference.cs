using Puma.Data;
using TorchSharp;

namespace Puma.Models;

public sealed partial class UniversalMetricModel
{
    private readonly Lock inferenceLock = new();

    /// <summary>The L2-normalised embedding of one decoded image (resized to the backbone's input). Thread-safe.</summary>
    public float[] Embed(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Embed([image])[0];
    }

    /// <summary>
    /// L2-normalised embeddings of decoded images, in eval mode (no DropPath; the result of an image does not depend on
    /// the rest of the batch). Thread-safe: calls are serialised; do not call it while <c>FitAsync</c> runs.
    /// </summary>
    public float[][] Embed(IReadOnlyList<RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        for (int i = 0; i < images.Count; i++)
            if (images[i] is null) throw new ArgumentException($"Image {i} is null.", nameof(images));
        lock (inferenceLock)
        {
            eval();
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var embeddings = forward(backbone.Stem.Preprocess(images).to(Device)).to(torch.ScalarType.Float32).cpu().contiguous();
            float[] flat = embeddings.data<float>().ToArray();
            int dim = EmbeddingDim;
            return Enumerable.Range(0, images.Count).Select(i => flat.AsSpan(i * dim, dim).ToArray()).ToArray();
        }
    }
}
