using Puma.Data;
using Puma.Evaluation;
using Puma.Features;
using Puma.Models;
using Puma.Training;

namespace Puma.Cli.Pictures;

/// <summary>The PNGs <c>puma demo</c> leaves in its output folder: training curves, Recall@1 bars and a retrieval grid.</summary>
internal static class DemoPictures
{
    public static void Save(string folder, UniversalMetricModel model, FeatureDataset testFeatures, UniversalDataset testImages,
        TrainingReport report, RetrievalReport frozen, RetrievalReport puma)
    {
        TrainingCurves.Save(Path.Combine(folder, TrainingCurves.FileName), report);
        RecallBars.Save(Path.Combine(folder, RecallBars.FileName), [("frozen backbone", frozen), ("PUMA", puma)]);
        model.eval();
        var (embeddings, dim) = EmbeddingComputer.Compute(testFeatures, f => model.ForwardFeatures(f), model.Device);
        RetrievalGrid.Save(Path.Combine(folder, RetrievalGrid.FileName), testImages, embeddings, dim);
    }
}
