using Puma.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Training.Checkpointing;

/// <summary>
/// A tiny trainable embedder with dropout, so that the result of a run depends on torch's random generator:
/// linear 4→4, dropout 0.5, linear 4→4 (weights drawn from the generator seeded by the constructor's seed).
/// </summary>
internal sealed class DropoutEmbedder : nn.Module<Tensor, Tensor>, ITrainableEmbedder
{
    private readonly Linear first;
    private readonly Dropout dropout;
    private readonly Linear second;

    public DropoutEmbedder(int seed) : base("dropout_embedder")
    {
        torch.manual_seed(seed);
        first = nn.Linear(4, 4);
        dropout = nn.Dropout(0.5);
        second = nn.Linear(4, 4);
        RegisterComponents();
    }

    public nn.Module Module => this;

    public int EmbeddingDim => 4;

    public override Tensor forward(Tensor input) => second.forward(dropout.forward(first.forward(input)));

    public Tensor EmbedFeatures(Tensor features) => forward(features);

    public IReadOnlyList<ParameterGroup> ParameterGroups(TrainingOptions options) =>
        [new ParameterGroup("first", first.parameters().ToList(), 1), new ParameterGroup("second", second.parameters().ToList(), 2)];

    public Tensor? RegularizationLoss() => null;
}
