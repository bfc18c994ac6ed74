using NUnit.Framework;
using Puma.Evaluation;
using TorchSharp;
using static Puma.Core.Tests.Evaluation.RetrievalTestData;

namespace Puma.Core.Tests.Evaluation;

/// <summary>Bad input and bad options fail early with an exception naming the culprit.</summary>
public class RetrievalInputValidationTests
{
    private static readonly float[] ThreeRows = Rows((1, 0), (0, 1), (0.6, 0.8));

    [Test]
    public void EmptySetIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => RetrievalSet.SingleDataset([], 2, []));
        Assert.That(error!.ParamName, Is.EqualTo("labels"));
    }

    [Test]
    public void MismatchedLengthsNameTheirArgument()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => RetrievalSet.SingleDataset(ThreeRows, 2, [0, 0]))!.ParamName,
            Is.EqualTo("embeddings"));
        Assert.That(Assert.Throws<ArgumentException>(() => new RetrievalSet(ThreeRows, 2, [0, 0, 1], [0, 0], ["a"]))!.ParamName,
            Is.EqualTo("datasetIndices"));
        Assert.That(Assert.Throws<ArgumentException>(
                () => RetrievalSet.SingleDataset(ThreeRows, 2, [0, 0, 1], roles: [SampleRole.Both]))!.ParamName,
            Is.EqualTo("roles"));
    }

    [Test]
    public void NaNAndInfinityNameRowAndColumn()
    {
        var withNaN = Rows((1, 0), (0, 1), (0.6, 0.8));
        withNaN[3] = float.NaN;
        var nan = Assert.Throws<ArgumentException>(() => RetrievalSet.SingleDataset(withNaN, 2, [0, 0, 1]));
        Assert.That(nan!.Message, Does.Contain("row 1, column 1").And.Contain("NaN"));
        Assert.That(nan.ParamName, Is.EqualTo("embeddings"));

        var withInfinity = Rows((1, 0), (0, 1), (0.6, 0.8));
        withInfinity[4] = float.PositiveInfinity;
        Assert.That(Assert.Throws<ArgumentException>(() => RetrievalSet.SingleDataset(withInfinity, 2, [0, 0, 1]))!.Message,
            Does.Contain("row 2, column 0"));
    }

    [Test]
    public void RowsThatAreNotUnitLengthAreRejectedButZeroRowsAreAccepted()
    {
        var error = Assert.Throws<ArgumentException>(() => RetrievalSet.SingleDataset(Rows((1, 0), (3, 4)), 2, [0, 0]));
        Assert.That(error!.Message, Does.Contain("row 1").And.Contain("norm 5"));

        Assert.DoesNotThrow(() => RetrievalSet.SingleDataset(Rows((1, 0), (0, 0)), 2, [0, 0]));
    }

    [Test]
    public void DatasetProblemsNameTheDataset()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrievalSet(ThreeRows, 2, [0, 0, 1], [0, 0, 2], ["a", "b"]));
        Assert.That(Assert.Throws<ArgumentException>(() => new RetrievalSet(ThreeRows, 2, [0, 0, 1], [0, 0, 1], ["a", "a"]))!.Message,
            Does.Contain("'a' is used twice"));
        Assert.That(Assert.Throws<ArgumentException>(() => new RetrievalSet(ThreeRows, 2, [0, 0, 1], [0, 0, 1], ["a", "b"],
                [SampleRole.Both, SampleRole.Both, SampleRole.Gallery]))!.Message,
            Does.Contain("'b' has no query"));
        Assert.That(Assert.Throws<ArgumentException>(() => new RetrievalSet(ThreeRows, 2, [0, 0, 1], [0, 0, 1], ["a", "b"],
                [SampleRole.Both, SampleRole.Both, SampleRole.Query]))!.Message,
            Does.Contain("'b' has no gallery"));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrievalSet.SingleDataset(ThreeRows, 2, [0, 0, 1],
            roles: [SampleRole.Both, SampleRole.Both, (SampleRole)0]));
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void NonPositiveKIsRejected(int k)
    {
        var set = RetrievalSet.SingleDataset(ThreeRows, 2, [0, 0, 1]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RetrievalEvaluator.Evaluate(set, Options(1, k)));
        Assert.That(error!.ParamName, Is.EqualTo("Ks"));
    }

    [Test]
    public void OtherBadOptionsAreRejected()
    {
        var set = RetrievalSet.SingleDataset(ThreeRows, 2, [0, 0, 1]);
        Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate(set, Options()));
        Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate(set, Options(2, 2)));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(
                () => RetrievalEvaluator.Evaluate(set, RetrievalOptions.Default with { QueryChunkSize = 0 }))!.ParamName,
            Is.EqualTo("QueryChunkSize"));
    }

    [Test]
    public void TensorInputMatchesArrayInputAndStaysWithTheCaller()
    {
        var rows = Rows((1, 0), (0.8, 0.6), (0, 1), (-0.6, 0.8));
        int[] labels = [0, 1, 0, 1];
        using var embeddings = torch.tensor(rows, [4, 2]);

        var fromTensor = RetrievalEvaluator.Evaluate(new RetrievalSet(embeddings, labels, [0, 0, 0, 0], ["d"]));
        var fromArray = RetrievalEvaluator.Evaluate(RetrievalSet.SingleDataset(rows, 2, labels, "d"));

        Assert.That(fromTensor.Unified.RecallAt, Is.EqualTo(fromArray.Unified.RecallAt));
        Assert.That(fromTensor.Unified.MapAtR, Is.EqualTo(fromArray.Unified.MapAtR));
        Assert.That(embeddings.IsInvalid, Is.False, "the caller's tensor is not disposed");
        Assert.That(embeddings[1, 1].item<float>(), Is.EqualTo(0.6f));
    }

    [Test]
    public void TensorInputMustBeTwoDimensional()
    {
        using var flat = torch.ones(4);
        Assert.Throws<ArgumentException>(() => new RetrievalSet(flat, [0, 0, 0, 0], [0, 0, 0, 0], ["d"]));
    }

    [Test]
    public void InputArraysAreCopied()
    {
        var rows = Rows((1, 0), (0, 1));
        int[] labels = [0, 0];
        var set = RetrievalSet.SingleDataset(rows, 2, labels);

        rows[0] = float.NaN;
        labels[1] = 9;

        Assert.That(set.Embeddings.Span[0], Is.EqualTo(1f));
        Assert.That(set.Labels[1], Is.Zero);
    }
}
