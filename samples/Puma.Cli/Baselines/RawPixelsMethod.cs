using System.Diagnostics;
using Puma.Data;

namespace Puma.Cli.Baselines;

/// <summary>
/// What a user gets for free: each test image shrunk to <see cref="BaselineSettings.PixelSize"/>² RGB (antialiased),
/// centred on its own mean and L2-normalised (so the cosine is the pixels' correlation).
/// </summary>
internal sealed class RawPixelsMethod : BaselineMethod
{
    public override string Name => "raw-pixels";

    public override string Description => "no training: downsampled RGB pixels, mean-centred, L2-normalised";

    public override bool IsTrained => false;

    public override MethodRun Run(BaselineContext context, int seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
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
        var report = TestEvaluation.Evaluate(context, embeddings, dim, cancellationToken);
        return new MethodRun(Name, seed, report, 0, clock.Elapsed.TotalSeconds, [], embeddings, dim);
    }
}
