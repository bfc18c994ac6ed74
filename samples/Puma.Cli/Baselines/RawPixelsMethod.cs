using Puma.Data;

namespace Puma.Cli.Baselines;

/// <summary>
/// What a user gets for free: each test image shrunk to <see cref="BaselineSettings.PixelSize"/>² RGB (antialiased),
/// centred on its own mean and L2-normalised (so the cosine is the pixels' correlation).
/// </summary>
internal sealed class RawPixelsMethod : UntrainedMethod
{
    public override string Name => "raw-pixels";

    public override string Description => "no training: downsampled RGB pixels, mean-centred, L2-normalised";

    protected override (float[] Embeddings, int Dim) Embed(BaselineContext context, CancellationToken cancellationToken)
    {
        int size = context.Settings.PixelSize, dim = 3 * size * size;
        var samples = context.TestImages.Samples;
        var embeddings = new float[samples.Count * dim];
        Parallel.For(0, samples.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = context.Settings.Demo.Threads }, i =>
        {
            var pixels = ImageResizer.Resize(ImageDecoder.Decode(samples[i].Path), size, size).Pixels;
            double mean = pixels.Average(p => (double)p);
            for (int j = 0; j < dim; j++) embeddings[i * dim + j] = (float)((pixels[j] - mean) / 255.0);
        });
        TestEvaluation.NormalizeRows(embeddings, dim);
        return (embeddings, dim);
    }
}
