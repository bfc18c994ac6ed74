namespace Puma.Data.Transforms;

/// <summary>The PUMA reference pipelines (puma-method.md §3) for square inputs of a given side.</summary>
public static class PumaTransforms
{
    /// <summary>Training: <c>RandomResizedCrop(size, scale 0.2–1, ratio 3/4–4/3, bicubic)</c> then <c>RandomHorizontalFlip(0.5)</c>.</summary>
    public static IImageTransform Train(int size) => new ComposedTransform(new RandomResizedCrop(size), new RandomHorizontalFlip());

    /// <summary>Evaluation: shorter side to ⌊size / 0.875⌋ then the centred square (224 → <c>Resize(256)</c> + <c>CenterCrop(224)</c>).</summary>
    public static IImageTransform Eval(int size) => ResizeCenterCrop.ForCrop(size);
}
