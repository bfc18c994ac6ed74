using System.Text.Json;
using NUnit.Framework;
using Puma.Cli.Demo;
using Puma.Evaluation;

namespace Puma.Cli.Tests.Demo;

public class ResultsDocumentTests
{
    /// <summary>
    /// Four unit vectors in 2-d at 0°, 10°, 80° and 180°, labels [0, 0, 1, 1]. Samples 0 and 1 are each other's nearest
    /// (hits); sample 2's two nearest are 1 (70°) and 0 (80°), both of the other class (a miss at K = 1 and 2); sample 3's
    /// nearest is 2 (100°), a hit. Recall@1 = Recall@2 = 3/4.
    /// </summary>
    private static RetrievalReport HandMadeReport()
    {
        static float[] At(double degrees) => [(float)Math.Cos(degrees * Math.PI / 180), (float)Math.Sin(degrees * Math.PI / 180)];
        float[] embeddings = [.. At(0), .. At(10), .. At(80), .. At(180)];
        var set = RetrievalSet.SingleDataset(embeddings, 2, [0, 0, 1, 1], "glyphs");
        return RetrievalEvaluator.Evaluate(set, new RetrievalOptions { Ks = [1, 2] });
    }

    [Test]
    public void WritesTheDocumentedSchemaWithTheRecallValues()
    {
        string folder = Directory.CreateTempSubdirectory("puma-results-").FullName;
        try
        {
            var report = HandMadeReport();
            var document = new ResultsDocument("bench", "backbone", 12, 34, 5.5,
                [RunResult.From("frozen-backbone", report), RunResult.From("puma", report)]);
            string path = Path.Combine(folder, "results.json");
            document.Write(path);

            Assert.That(Directory.GetFiles(folder), Is.EqualTo(new[] { path }), "no temporary file is left behind");
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            Assert.That(root.GetProperty("benchmark").GetString(), Is.EqualTo("bench"));
            Assert.That(root.GetProperty("backbone").GetString(), Is.EqualTo("backbone"));
            Assert.That(root.GetProperty("trainable_parameters").GetInt64(), Is.EqualTo(12));
            Assert.That(root.GetProperty("frozen_parameters").GetInt64(), Is.EqualTo(34));
            Assert.That(root.GetProperty("wall_seconds").GetDouble(), Is.EqualTo(5.5));
            var runs = root.GetProperty("runs");
            Assert.That(runs.EnumerateArray().Select(r => r.GetProperty("method").GetString()), Is.EqualTo(new[] { "frozen-backbone", "puma" }));
            var run = runs[0];
            var dataset = run.GetProperty("datasets")[0];
            Assert.That(dataset.GetProperty("name").GetString(), Is.EqualTo("glyphs"));
            Assert.That(dataset.GetProperty("queries").GetInt32(), Is.EqualTo(4));
            Assert.That(dataset.GetProperty("recall_at").GetProperty("1").GetDouble(), Is.EqualTo(0.75).Within(1e-12));
            Assert.That(dataset.GetProperty("recall_at").GetProperty("2").GetDouble(), Is.EqualTo(0.75).Within(1e-12));
            Assert.That(run.GetProperty("unified_recall_at").GetProperty("1").GetDouble(), Is.EqualTo(0.75).Within(1e-12));
            Assert.That(run.GetProperty("harmonic_mean_recall_at_1").GetDouble(), Is.EqualTo(0.75).Within(1e-12));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A dataset whose two samples are of two classes has only lone queries: they are excluded, so its Recall@K is
    /// undefined (NaN). JSON has no NaN: the document must still be written, with null in those places.
    /// </summary>
    [Test]
    public void UndefinedRecallIsWrittenAsNull()
    {
        static float[] At(double degrees) => [(float)Math.Cos(degrees * Math.PI / 180), (float)Math.Sin(degrees * Math.PI / 180)];
        float[] embeddings = [.. At(0), .. At(10), .. At(80), .. At(180)];
        var set = new RetrievalSet(embeddings, 2, [0, 0, 1, 2], [0, 0, 1, 1], ["pairs", "lonely"]);
        var report = RetrievalEvaluator.Evaluate(set, new RetrievalOptions { Ks = [1] });
        Assert.That(report.Datasets.Single(d => d.Name == "lonely").Metrics.RecallAt1, Is.NaN, "precondition: undefined");
        string folder = Directory.CreateTempSubdirectory("puma-results-").FullName;
        try
        {
            string path = Path.Combine(folder, "results.json");
            new ResultsDocument("bench", "backbone", 1, 2, 3, [RunResult.From("puma", report)]).Write(path);
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var datasets = json.RootElement.GetProperty("runs")[0].GetProperty("datasets").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
            Assert.That(datasets["lonely"].GetProperty("recall_at").GetProperty("1").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(datasets["pairs"].GetProperty("recall_at").GetProperty("1").GetDouble(), Is.EqualTo(1.0));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
