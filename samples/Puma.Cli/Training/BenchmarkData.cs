using Microsoft.Extensions.Logging;
using Puma.Cli.Demo;
using Puma.Data;
using Puma.Data.Benchmarks;
using Puma.Evaluation;

namespace Puma.Cli.Training;

/// <summary>
/// The splits of <c>puma train</c> / <c>puma evaluate</c>: image folders (<c>&lt;dataset&gt;/&lt;split&gt;/&lt;class&gt;</c>,
/// every test image queries the others) or the eight PUMA datasets in their official layouts (<see cref="PumaBenchmark"/>;
/// In-Shop's queries search its gallery).
/// </summary>
internal static class BenchmarkData
{
    /// <summary>The training split.</summary>
    public static UniversalDataset Train(string root, bool pumaLayout, ILogger logger) =>
        pumaLayout ? PumaBenchmark.Train(PumaBenchmark.LoadAll(root)) : BenchmarkFolders.LoadSplit(root, "train", logger);

    /// <summary>The evaluated split with retrieval roles (only <c>test</c> exists in the official layouts).</summary>
    /// <exception cref="ArgumentException">Another split than <c>test</c> asked of the official layouts.</exception>
    public static BenchmarkTestSet Test(string root, bool pumaLayout, ILogger logger, string split = "test")
    {
        if (pumaLayout)
        {
            if (split != "test")
                throw new ArgumentException($"--split '{split}': the official PUMA layouts have a train and a test split; only 'test' is evaluated.");
            return PumaBenchmark.Test(PumaBenchmark.LoadAll(root));
        }
        var data = BenchmarkFolders.LoadSplit(root, split, logger);
        return new BenchmarkTestSet(data, Enumerable.Repeat(SampleRole.Both, data.Samples.Count).ToArray());
    }
}
