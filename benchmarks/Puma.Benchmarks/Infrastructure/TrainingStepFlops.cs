using Puma.Adapters;
using Puma.Models;
using Puma.Prompts;

namespace Puma.Benchmarks.Infrastructure;

/// <summary>
/// Analytic floating-point operation count of a PUMA step (matrix products only, a multiply-add counted as 2 FLOPs;
/// LayerNorm, softmax, GELU, AdamW and other element-wise work are not counted). Per sample, with T = 1 + L + N tokens,
/// width D, MLP hidden H, adapter bottleneck r, pool M × L, head E and C proxies:
/// <code>
/// stem      S  = 2·N·(C_in·k²)·D     (patch conv from images, or the hybrid's 1×1 projection of cached maps)
/// per block Lf = 2·T·D·(3D + D + 2H) (frozen qkv, proj, fc1, fc2)
///           Am = 4·T²·D              (QKᵀ and attention·V over all heads)
///           Ad = 8·T·D·r             (two bottlenecks, down and up)
/// pool      Pp = 2·M·L·D             (Σ_m α_m P_m)
/// head      Hd = 2·D·E,  loss Ls = 2·C·E (cosines to the proxies)
/// forward   F  = S + depth·(Lf + Am + Ad) + Pp + Hd
/// training  Tr = S + depth·(2·Lf + 3·Am + 3·Ad) + 3·(Pp + Hd + Ls)
/// </code>
/// The backward pass of a frozen linear layer needs only the input gradient (1× its forward), of an attention product
/// both operand gradients (2×), of a trainable layer the input and weight gradients (2×). The stem has no backward:
/// its weights are frozen and its input needs no gradient.
/// </summary>
/// <param name="ForwardPerSample">F, FLOPs of one eval-mode embedding.</param>
/// <param name="TrainingPerSample">Tr, FLOPs of one sample's share of a training step.</param>
/// <param name="Batch">Samples per step.</param>
public sealed record TrainingStepFlops(double ForwardPerSample, double TrainingPerSample, int Batch)
{
    /// <summary>FLOPs of one training step.</summary>
    public double Training => TrainingPerSample * Batch;

    /// <summary>FLOPs of one eval batch.</summary>
    public double Inference => ForwardPerSample * Batch;

    /// <summary>The count for <paramref name="model"/> (a PUMA model with stochastic adapters and a prompt pool).</summary>
    /// <param name="model">The model.</param>
    /// <param name="batch">Samples per step.</param>
    /// <param name="classes">C, proxies of the loss.</param>
    /// <param name="stemFromImages">True when the step starts from images (patch conv), false from cached stem features.</param>
    public static TrainingStepFlops For(UniversalMetricModel model, int batch, int classes, bool stemFromImages)
    {
        var config = model.Backbone.Config;
        var stem = model.Backbone.Stem;
        double d = config.EmbedDim, h = (int)(config.EmbedDim * config.MlpRatio), n = stem.NumPatches;
        double r = (model.Adapter as StochasticAdapter)?.Options.Bottleneck ?? 0;
        var pool = (model.Prompt as PromptPool)?.Options;
        double m = pool?.ComponentCount ?? 0, l = pool?.PromptLength ?? 0;
        double e = model.EmbeddingDim, t = 1 + l + n;

        // Hybrid: features [C, h, w] → 1×1 conv. ViT: features are patch tokens; from images the conv is C_in·k² wide.
        double stemFlops = stemFromImages
            ? 2 * n * (stem.ImageShape[0] * config.PatchSize * config.PatchSize) * d
            : stem.FeatureShape.Length == 3 ? 2 * n * stem.FeatureShape[0] * d : 0;
        double linear = 2 * t * d * (3 * d + d + 2 * h);
        double attention = 4 * t * t * d;
        double adapter = 8 * t * d * r;
        double prompt = 2 * m * l * d;
        double head = 2 * d * e;
        double loss = 2.0 * classes * e;
        double forward = stemFlops + config.Depth * (linear + attention + adapter) + prompt + head;
        double training = stemFlops + config.Depth * (2 * linear + 3 * attention + 3 * adapter) + 3 * (prompt + head + loss);
        return new TrainingStepFlops(forward, training, batch);
    }
}
