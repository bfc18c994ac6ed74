using NUnit.Framework;
using Puma.Features;
using TorchSharp;

namespace Puma.Core.Tests.Features;

/// <summary>Batch sizes that would hang or embedding functions of the wrong shape fail at once.</summary>
public class EmbeddingComputerTests
{
    [TestCase(0)]
    [TestCase(-4)]
    public void ABatchSizeBelowOneIsRefused(int batchSize)
    {
        using var data = new FeatureDataset(torch.zeros(3, 2), [0, 0, 0], [0, 0, 0], ["d"], 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingComputer.Compute(data, f => f.alias(), torch.CPU, batchSize))!;
        Assert.That(error.ParamName, Is.EqualTo("batchSize"));
    }

    [Test]
    public void AnEmbeddingFunctionOfTheWrongShapeIsNamed()
    {
        using var data = new FeatureDataset(torch.zeros(3, 2), [0, 0, 0], [0, 0, 0], ["d"], 1);
        var error = Assert.Throws<InvalidOperationException>(() => EmbeddingComputer.Compute(data, f => f.flatten(), torch.CPU))!;
        Assert.That(error.Message, Does.Contain("[6]").And.Contain("[3, E]"));
        var values = EmbeddingComputer.Compute(data, f => f * 2, torch.CPU, batchSize: 2);
        Assert.That(values.Dim, Is.EqualTo(2));
        Assert.That(values.Embeddings, Has.Length.EqualTo(6));
    }
}
