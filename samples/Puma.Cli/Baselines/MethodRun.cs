using Puma.Evaluation;

namespace Puma.Cli.Baselines;

/// <summary>One method trained (or not) with one seed and evaluated on the test split.</summary>
/// <param name="Method">Method name.</param>
/// <param name="Seed">Seed of the run (untrained methods: the first seed).</param>
/// <param name="Report">Test retrieval metrics.</param>
/// <param name="TrainableParameters">Trainable scalars, proxies excluded (summed over models for per-dataset models).</param>
/// <param name="Seconds">Wall time of training and evaluation.</param>
/// <param name="SelectedEpochs">Epoch kept by model selection, per trained model (empty when untrained).</param>
/// <param name="Embeddings">Test embeddings used for the unified metric, row-major <c>[N, Dim]</c>.</param>
/// <param name="Dim">Embedding width.</param>
internal sealed record MethodRun(string Method, int Seed, RetrievalReport Report, long TrainableParameters, double Seconds,
    IReadOnlyList<int?> SelectedEpochs, float[] Embeddings, int Dim);
