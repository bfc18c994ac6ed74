using Puma.Backbones;
using Puma.Hooks;
using Puma.Losses;

namespace Puma.Models;

/// <summary>
/// Fluent builder of <see cref="UniversalMetricModel"/>. Options are collected first and validated together in
/// <see cref="Build"/>, which reports every problem at once and allocates the model once.
/// Adapters and prompt providers plug in through <see cref="UseBlockAdapter"/> and <see cref="UsePromptProvider"/>
/// (the Puma.Adapters and Puma.Prompts packages add <c>WithStochasticAdapters</c> and <c>WithPromptPool</c>).
/// </summary>
public sealed class UniversalMetricModelBuilder
{
    private BackboneSpec? backbone;
    private (IBlockAdapterSpec Spec, string Description)? adapter;
    private (IPromptProviderSpec Spec, string Description)? prompt;
    private int embeddingDim = 128;
    private MetricLossSpec loss = new ProxyAnchorLossSpec();
    private int? seed;
    private bool fullFineTuning;

    internal UniversalMetricModelBuilder() { }

    /// <summary>The encoder (required; frozen unless <see cref="WithFullFineTuning"/>).</summary>
    public UniversalMetricModelBuilder WithBackbone(BackboneSpec spec)
    {
        backbone = spec ?? throw new ArgumentNullException(nameof(spec));
        return this;
    }

    /// <summary>The embedding width E of the head (default 128, as the reference code).</summary>
    public UniversalMetricModelBuilder WithEmbeddingDim(int dim)
    {
        embeddingDim = dim;
        return this;
    }

    /// <summary>The training loss (default Proxy-Anchor α 32, δ 0.1). Its proxies are created at fit time.</summary>
    public UniversalMetricModelBuilder WithLoss(MetricLossSpec spec)
    {
        loss = spec ?? throw new ArgumentNullException(nameof(spec));
        return this;
    }

    /// <summary>Proxy-Anchor loss with scale <paramref name="alpha"/> and margin <paramref name="margin"/>.</summary>
    public UniversalMetricModelBuilder WithProxyAnchorLoss(double alpha = 32, double margin = 0.1) => WithLoss(new ProxyAnchorLossSpec(alpha, margin));

    /// <summary>
    /// CurricularFace loss with scale <paramref name="scale"/> and angular margin <paramref name="margin"/> (PUMA's main
    /// recipe: 32 and 0.3), with the reference's per-class running positive cosine (saved in the trainable checkpoint).
    /// </summary>
    public UniversalMetricModelBuilder WithCurricularFaceLoss(double scale = 32, double margin = 0.3) => WithLoss(new CurricularFaceLossSpec(scale, margin));

    /// <summary>Seeds torch's generator right before the trainable modules are initialised (reproducible init).</summary>
    public UniversalMetricModelBuilder WithSeed(int value)
    {
        seed = value;
        return this;
    }

    /// <summary>
    /// Trains the backbone too (the "full fine-tuning" baseline): every encoder parameter after the stem's cacheable
    /// features — the blocks, norms, CLS token, position embeddings and the stem's token projection
    /// (<see cref="TokenStem.TokenParameters"/>) — joins the trainable set, at
    /// <see cref="Training.TrainingOptions.BackboneLearningRateMultiplier"/> × the base rate. The stem's feature part stays
    /// frozen, so cached features stay valid. Trainable checkpoints then hold the fine-tuned backbone as well.
    /// </summary>
    public UniversalMetricModelBuilder WithFullFineTuning(bool enabled = true)
    {
        fullFineTuning = enabled;
        return this;
    }

    /// <summary>Registers a block adapter (extension point used by adapter packages).</summary>
    public UniversalMetricModelBuilder UseBlockAdapter(IBlockAdapterSpec spec, string description)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (adapter is not null)
            throw new InvalidOperationException($"A block adapter is already configured ({adapter.Value.Description}); only one is supported.");
        adapter = (spec, description);
        return this;
    }

    /// <summary>Registers a prompt provider (extension point used by prompt packages).</summary>
    public UniversalMetricModelBuilder UsePromptProvider(IPromptProviderSpec spec, string description)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (prompt is not null)
            throw new InvalidOperationException($"A prompt provider is already configured ({prompt.Value.Description}); only one is supported.");
        prompt = (spec, description);
        return this;
    }

    /// <summary>Validates every option and creates the model.</summary>
    /// <exception cref="ArgumentException">Lists every invalid or contradictory option.</exception>
    /// <exception cref="Native.PumaNativeLibraryException">TorchSharp's native library cannot be loaded (names it and the fix).</exception>
    public UniversalMetricModel Build()
    {
        Native.PumaNative.EnsureLoaded();
        var errors = new List<string>();
        if (backbone is null) errors.Add("No backbone: call WithBackbone(...).");
        else errors.AddRange(backbone.Validate());
        if (embeddingDim <= 0) errors.Add($"Embedding dim must be positive (got {embeddingDim}).");
        errors.AddRange(loss.Validate().Select(e => $"Loss: {e}"));
        if (errors.Count > 0) throw Invalid(errors);

        var encoder = backbone!.Create();
        var shape = new BackboneShape(encoder.EmbedDim, encoder.Depth, encoder.Stem.NumPatches);
        if (adapter is not null) errors.AddRange(adapter.Value.Spec.Validate(shape).Select(e => $"Adapter: {e}"));
        if (prompt is not null) errors.AddRange(prompt.Value.Spec.Validate(shape).Select(e => $"Prompt: {e}"));
        if (errors.Count > 0)
        {
            encoder.Dispose();
            throw Invalid(errors);
        }

        if (seed is int s) TorchSharp.torch.manual_seed(s);
        BlockAdapter? adapterModule = null;
        PromptProvider? promptModule = null;
        try
        {
            adapterModule = adapter?.Spec.Create(shape);
            promptModule = prompt?.Spec.Create(shape);
            var description = new ModelDescription(fullFineTuning ? backbone.Description + " (fully fine-tuned)" : backbone.Description,
                adapter?.Description, prompt?.Description, loss.Description);
            return new UniversalMetricModel(encoder, adapterModule, promptModule, embeddingDim, loss, description, fullFineTuning);
        }
        catch
        {
            // No native memory outlives a failed Build().
            promptModule?.Dispose();
            adapterModule?.Dispose();
            encoder.Dispose();
            throw;
        }
    }

    private static ArgumentException Invalid(List<string> errors) =>
        new("Invalid model options:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
}
