using Puma.Backbones;
using Puma.Backbones.Vit;
using Puma.Heads;
using Puma.Tensors;
using Puma.Hooks;
using Puma.Losses;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Models;

/// <summary>
/// A universal embedding model: a frozen encoder, optional parallel block adapters, an optional prompt provider and an
/// embedding head (Linear then L2 normalisation). Create it with <see cref="CreateBuilder"/>.
/// State-dict keys: <c>backbone.*</c> (timm names, frozen), <c>adapter.*</c>, <c>prompt.*</c>,
/// <c>prompt_pos_embed</c> (frozen), <c>head.proj.*</c>.
/// </summary>
public sealed partial class UniversalMetricModel : nn.Module
{
    private readonly VisionTransformer backbone;
    private readonly BlockAdapter? adapter;
    private readonly PromptProvider? prompt;
    private readonly Parameter? prompt_pos_embed;
    private readonly EmbeddingHead head;

    internal UniversalMetricModel(VisionTransformer backbone, BlockAdapter? adapter, PromptProvider? prompt, int embeddingDim,
        MetricLossSpec lossSpec, ModelDescription description, bool fullFineTuning = false) : base("puma")
    {
        LossSpec = lossSpec;
        this.backbone = backbone;
        this.adapter = adapter;
        this.prompt = prompt;
        head = new EmbeddingHead(backbone.EmbedDim, embeddingDim);
        if (prompt is not null)
        {
            using var clsPosition = backbone.PositionEmbedding.detach().narrow(1, 0, 1);
            prompt_pos_embed = nn.Parameter(clsPosition.repeat(1, prompt.PromptLength, 1), requires_grad: false);
        }
        Description = description;
        RegisterComponents();
        FreezeBackbone();
        if (fullFineTuning) UnfreezeEncoder();
        IsBackboneTrained = fullFineTuning;
    }

    /// <summary>Whether the backbone's encoder is trained too (<see cref="UniversalMetricModelBuilder.WithFullFineTuning"/>).</summary>
    public bool IsBackboneTrained { get; }

    /// <summary>Starts a fluent builder.</summary>
    public static UniversalMetricModelBuilder CreateBuilder() => new();

    /// <summary>What the model was built from.</summary>
    public ModelDescription Description { get; }

    /// <summary>The frozen encoder.</summary>
    public VisionTransformer Backbone => backbone;

    /// <summary>The block adapter, if any.</summary>
    public BlockAdapter? Adapter => adapter;

    /// <summary>The prompt provider, if any.</summary>
    public PromptProvider? Prompt => prompt;

    /// <summary>The embedding head.</summary>
    public EmbeddingHead Head => head;

    /// <summary>Embedding width E.</summary>
    public int EmbeddingDim => head.EmbeddingDim;

    /// <summary>The frozen position embeddings of the prompt tokens <c>[1, L, D]</c> (CLS's position by default).</summary>
    public Parameter? PromptPositionEmbedding => prompt_pos_embed;

    /// <summary>Embeddings <c>[B, E]</c> of images <c>[B, 3, H, W]</c> (preprocessed for the stem).</summary>
    /// <exception cref="ArgumentException">The batch is not a floating-point <c>[B, 3, H, W]</c> tensor of the stem's input
    /// size, or a sample holds NaN or ±∞ (the message names the first such sample).</exception>
    public Tensor forward(Tensor images)
    {
        InputValidation.RequireBatch(images, backbone.Stem.ImageShape, "images", nameof(images));
        return Encode(backbone.Stem.features(images));
    }

    /// <summary>Embeddings <c>[B, E]</c> from cached stem features (see <see cref="TokenStem.features"/>).</summary>
    /// <exception cref="ArgumentException">The features are not a floating-point <c>[B, ...FeatureShape]</c> tensor, or a
    /// sample holds NaN or ±∞ (the message names the first such sample).</exception>
    public Tensor ForwardFeatures(Tensor features, ActivationRecorder? recorder = null)
    {
        InputValidation.RequireBatch(features, backbone.Stem.FeatureShape, "features", nameof(features));
        return Encode(features, recorder);
    }

    /// <summary>
    /// The embedding computation behind <see cref="forward"/> and <see cref="ForwardFeatures"/>, without their input
    /// checks. The training step and the dataset loops use it directly: their inputs were checked once where they entered
    /// (a <see cref="Features.FeatureDataset"/> refuses non-finite features; decoded images are finite), so a per-batch
    /// scan (a device synchronisation on a GPU) would be work done twice on the hot path.
    /// </summary>
    internal Tensor Encode(Tensor features, ActivationRecorder? recorder = null)
    {
        var tokens = backbone.Stem.tokens(features);
        recorder?.Record("patch_tokens", tokens);
        var prompts = prompt?.forward(tokens, recorder);
        var encoded = backbone.forward(tokens, prompts, prompt_pos_embed, adapter, recorder);
        var cls = encoded.select(1, 0);
        recorder?.Record("cls_feature", cls);
        var projected = head.Project(cls);
        recorder?.Record("head_linear", projected);
        return L2Normalization.Normalize(projected);
    }

    /// <summary>
    /// The frozen backbone's own embedding: the L2-normalised final CLS token with no adapter, no prompt and no head.
    /// This is the "no training" baseline.
    /// </summary>
    public Tensor BackboneEmbeddingFromFeatures(Tensor features)
    {
        var tokens = backbone.Stem.tokens(features);
        return L2Normalization.Normalize(backbone.forward(tokens).select(1, 0));
    }

    /// <summary>
    /// Sets training mode on the trainable parts; the backbone always stays in eval mode (also when fine-tuned: its
    /// LayerNorms do not depend on the mode and it has no dropout, so this only keeps any stochastic layer of a custom
    /// encoder deterministic).
    /// </summary>
    public override void train(bool on = true)
    {
        base.train(on);
        backbone.eval();
    }

    private void FreezeBackbone()
    {
        foreach (var p in backbone.parameters()) p.requires_grad = false;
        backbone.eval();
    }

    /// <summary>Makes every backbone parameter after the stem's cacheable features trainable.</summary>
    private void UnfreezeEncoder()
    {
        // Parameter wrappers are not unique per tensor: compare native handles.
        var stem = backbone.Stem.parameters().Select(p => p.Handle).ToHashSet();
        var tokenParameters = backbone.Stem.TokenParameters().Select(p => p.Handle).ToHashSet();
        foreach (var p in backbone.parameters())
            if (!stem.Contains(p.Handle) || tokenParameters.Contains(p.Handle)) p.requires_grad = true;
    }
}
