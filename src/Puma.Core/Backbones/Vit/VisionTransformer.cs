using Puma.Hooks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Backbones.Vit;

/// <summary>
/// A Vision Transformer with timm parameter names (<c>cls_token, pos_embed, patch_embed.*, blocks.N.*, norm.*</c>),
/// a pluggable token stem (plain patches or a hybrid CNN stem), optional prompt tokens after CLS and optional
/// parallel block adapters. Returns the final-LayerNorm token sequence.
/// </summary>
public sealed class VisionTransformer : nn.Module
{
    private readonly Parameter cls_token;
    private readonly Parameter pos_embed;
    private readonly TokenStem patch_embed;
    private readonly ModuleList<Block> blocks;
    private readonly LayerNorm norm;

    /// <summary>Creates the encoder with timm's initialisation (truncated normal 0.02 for CLS and positions).</summary>
    public VisionTransformer(VitConfig config, TokenStem stem) : base("vit")
    {
        config.Validate();
        Config = config;
        patch_embed = stem;
        cls_token = nn.Parameter(torch.zeros(1, 1, config.EmbedDim));
        pos_embed = nn.Parameter(torch.zeros(1, 1 + stem.NumPatches, config.EmbedDim));
        using (torch.no_grad())
        {
            nn.init.trunc_normal_(pos_embed, std: 0.02);
            nn.init.normal_(cls_token, std: 1e-6);
        }
        blocks = nn.ModuleList(Enumerable.Range(0, config.Depth)
            .Select(_ => new Block(config.EmbedDim, config.NumHeads, config.MlpRatio, config.QkvBias, config.LayerNormEps))
            .ToArray());
        norm = nn.LayerNorm(config.EmbedDim, eps: config.LayerNormEps);
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public VitConfig Config { get; }

    /// <summary>Token width D.</summary>
    public int EmbedDim => Config.EmbedDim;

    /// <summary>Number of blocks.</summary>
    public int Depth => Config.Depth;

    /// <summary>The token stem (<c>patch_embed</c>).</summary>
    public TokenStem Stem => patch_embed;

    /// <summary>The position embedding <c>[1, 1 + N, D]</c> (CLS row first).</summary>
    public Parameter PositionEmbedding => pos_embed;

    /// <summary>
    /// Encodes patch tokens: <c>[CLS; prompts; patches] + positions</c> through the blocks and the final norm.
    /// </summary>
    /// <param name="patchTokens">Output of <see cref="TokenStem.tokens"/>, <c>[B, N, D]</c>.</param>
    /// <param name="prompts">Optional prompt tokens <c>[B, L, D]</c> inserted after CLS.</param>
    /// <param name="promptPositions">Position embeddings of the prompts <c>[1, L, D]</c>; CLS's position when null.</param>
    /// <param name="adapter">Optional parallel branches for every block.</param>
    /// <param name="recorder">Optional sink for intermediate activations.</param>
    public Tensor forward(Tensor patchTokens, Tensor? prompts = null, Tensor? promptPositions = null, BlockAdapter? adapter = null,
        ActivationRecorder? recorder = null)
    {
        long b = patchTokens.shape[0];
        var clsPosition = pos_embed.narrow(1, 0, 1);
        var patchPositions = pos_embed.narrow(1, 1, pos_embed.shape[1] - 1);
        var cls = (cls_token + clsPosition).expand(b, -1, -1);
        var patches = patchTokens + patchPositions;
        Tensor x;
        if (prompts is null)
        {
            x = torch.cat([cls, patches], dim: 1);
        }
        else
        {
            var positions = promptPositions ?? clsPosition;
            x = torch.cat([cls, prompts + positions, patches], dim: 1);
        }
        recorder?.Record("tokens_in", x);
        for (int i = 0; i < blocks.Count; i++)
            x = blocks[i].forward(x, adapter, i, recorder);
        var final = norm.forward(x);
        recorder?.Record("final_tokens", final);
        return final;
    }
}
