using NUnit.Framework;
using Puma.Evaluation;
using Puma.Features;
using Puma.Models;
using Puma.Training;
using Puma.Training.Selection;
using TorchSharp;

namespace Puma.Core.Tests.Training.Selection;

/// <summary>
/// Model selection keeps the best validated state. The check is independent of the selection code: the state after a
/// fit that selected epoch k must equal, bit for bit, the state of a plain k-epoch fit with the same seed (validation
/// consumes no randomness and the constant schedule does not depend on the run length).
/// </summary>
public class ModelSelectionTests
{
    private static readonly TrainingOptions Options = new() { Epochs = 4, BatchSize = 8, Deterministic = true };

    [Test]
    public void RestoresTheStateOfTheBestScriptedEpoch()
    {
        var (state, report) = FitWithScores([0.30, 0.55, 0.55, 0.20], new ModelSelection { EvaluateEvery = 1 });
        Assert.That(report.Validations.Select(v => v.Epoch), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(report.SelectedEpoch, Is.EqualTo(2), "the first of two equal scores is kept");
        Assert.That(state, Is.EqualTo(PlainFit(epochs: 2)), "the restored state is the 2-epoch state");
    }

    [Test]
    public void KeepsTheLastStateWhenTheLastEpochIsBest()
    {
        var (state, report) = FitWithScores([0.1, 0.2, 0.3, 0.4], new ModelSelection { EvaluateEvery = 1 });
        Assert.That(report.SelectedEpoch, Is.EqualTo(4));
        Assert.That(state, Is.EqualTo(PlainFit(epochs: 4)));
    }

    [Test]
    public void ValidatesEveryNEpochsAndAfterTheLast()
    {
        var (_, report) = FitWithScores([0.9, 0.1], new ModelSelection { EvaluateEvery = 3 });
        Assert.That(report.Validations.Select(v => v.Epoch), Is.EqualTo(new[] { 3, 4 }));
        Assert.That(report.SelectedEpoch, Is.EqualTo(3));
    }

    [Test]
    public void NaNScoresNeverWin()
    {
        var (state, report) = FitWithScores([double.NaN, double.NaN, double.NaN, double.NaN], new ModelSelection { EvaluateEvery = 1 });
        Assert.That(report.SelectedEpoch, Is.Null);
        Assert.That(state, Is.EqualTo(PlainFit(epochs: 4)), "without a finite score the last state stays");
    }

    [Test]
    public void SelectionWithoutValidationIsRefused()
    {
        using var model = TrainingTestData.Model();
        using var train = TrainingTestData.RandomFeatures(model, 32, 4);
        var options = Options with { Selection = ModelSelection.Reference };
        var error = Assert.Throws<ArgumentException>(() => model.FitAsync(train, options).GetAwaiter().GetResult());
        Assert.That(error!.Message, Does.Contain("Selection").And.Contain("validation"));
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void EvaluateEveryBelowOneIsRefused(int every)
    {
        var options = Options with { Selection = new ModelSelection { EvaluateEvery = every } };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.That(error!.Message, Does.Contain("EvaluateEvery"));
    }

    [Test]
    public void ScoreReadsTheChosenMetric()
    {
        var report = new RetrievalReport([], Metrics(0.75), 0.25);
        Assert.That(new ModelSelection().Score(report), Is.EqualTo(0.75));
        Assert.That(new ModelSelection { Metric = SelectionMetric.HarmonicMeanRecallAt1 }.Score(report), Is.EqualTo(0.25));
    }

    [Test]
    public void ValidationSetOfTheModelIsEvaluatedAtEachValidation()
    {
        using var model = TrainingTestData.Model();
        using var data = TrainingTestData.RandomFeatures(model, 48, 6);
        var (train, validation) = data.HoldOutClasses(1.0 / 3);
        using (train)
        using (validation)
        {
            var report = model.FitAsync(train, Options with { Epochs = 2, Selection = new ModelSelection { EvaluateEvery = 1 } },
                validation: validation).GetAwaiter().GetResult();
            Assert.That(report.Validations, Has.Count.EqualTo(2));
            var selected = report.Validations.Single(v => v.Epoch == report.SelectedEpoch);
            var now = model.Evaluate(validation);
            Assert.That(now.Unified.RecallAt1, Is.EqualTo(selected.Report.Unified.RecallAt1), "the model holds the selected state");
            Assert.That(selected.Report.Unified.Queries, Is.EqualTo(validation.Count));
        }
    }

    private static (List<float[]> State, TrainingReport Report) FitWithScores(double[] scores, ModelSelection selection)
    {
        using var model = TrainingTestData.Model();
        using var train = TrainingTestData.RandomFeatures(model, 32, 4);
        var loss = model.LossSpec.Create(train.NumClasses, model.EmbeddingDim);
        model.ReplaceLoss(loss);
        int call = 0;
        var report = new MetricTrainer().Fit(model, loss, train, Options with { Selection = selection }, validate: _ =>
        {
            Assert.That(model.training, Is.False, "validation runs in eval mode");
            return new RetrievalReport([], Metrics(scores[call++]), double.NaN);
        });
        Assert.That(call, Is.EqualTo(scores.Length), "one validation per scripted score");
        return (State(model), report);
    }

    private static List<float[]> PlainFit(int epochs)
    {
        using var model = TrainingTestData.Model();
        using var train = TrainingTestData.RandomFeatures(model, 32, 4);
        var loss = model.LossSpec.Create(train.NumClasses, model.EmbeddingDim);
        model.ReplaceLoss(loss);
        new MetricTrainer().Fit(model, loss, train, Options with { Epochs = epochs });
        return State(model);
    }

    private static List<float[]> State(UniversalMetricModel model) =>
        model.TrainableParameters().Select(p => p.Parameter.detach().cpu().data<float>().ToArray())
            .Append(model.Loss!.Proxies.detach().cpu().data<float>().ToArray())
            .ToList();

    private static RetrievalMetrics Metrics(double recallAt1) => new(1, 0, 1, 1, new Dictionary<int, double> { [1] = recallAt1 }, double.NaN, double.NaN);
}
