using Puma.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Heads;

/// <summary>The embedding head: <c>Linear(D → E)</c> then L2 normalisation (a zero vector stays zero).</summary>
public sealed class EmbeddingHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear proj;

    /// <summary>Creates the head with PyTorch's default Linear initialisation.</summary>
    public EmbeddingHead(int inputDim, int embeddingDim) : base("head")
    {
        if (inputDim <= 0) throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, "inputDim must be positive.");
        if (embeddingDim <= 0) throw new ArgumentOutOfRangeException(nameof(embeddingDim), embeddingDim, "embeddingDim must be positive.");
        proj = nn.Linear(inputDim, embeddingDim);
        EmbeddingDim = embeddingDim;
        RegisterComponents();
    }

    /// <summary>Output width E.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The linear projection before normalisation.</summary>
    public Tensor Project(Tensor features) => proj.forward(features);

    /// <inheritdoc />
    public override Tensor forward(Tensor features) => L2Normalization.Normalize(proj.forward(features));
}
