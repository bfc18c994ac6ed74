using System.Text.Json;
using Puma.Benchmarks.Infrastructure;
using TorchSharp;

namespace Puma.Benchmarks.Commands;

/// <summary>
/// The TorchSharp half of the side-by-side comparison with PyTorch (<c>scripts/compare-pytorch.sh</c> runs both):
/// <c>compare --weights FILE [--model hybrid112|vit-s16] [--batch N] [--threads N] [--warmup N] [--steps N] [--on main|worker]</c>.
/// Writes FILE when it does not exist (seeded weights, batch, reference outputs), loads it otherwise, then times
/// training steps and eval batches and prints one <c>RESULT {json}</c> line.
/// </summary>
public static class CompareCommand
{
    /// <summary>Runs the command.</summary>
    public static int Run(CommandArgs args)
    {
        var kind = args.Model("hybrid112");
        int batch = args.Integer("--batch", kind == WorkloadKind.Hybrid112 ? 64 : 8);
        int threads = args.Integer("--threads", 1);
        int warmup = args.Integer("--warmup", 2);
        int steps = args.Integer("--steps", 5);
        string weights = args.Text("--weights", "");
        if (weights.Length == 0) throw new OptionException("compare needs --weights FILE (written when missing).");
        // --on worker times the steps on a thread-pool thread, where FitAsync trains: glibc gives it its own arena.
        bool onWorker = args.Text("--on", "main") switch
        {
            "main" => false,
            "worker" => true,
            var other => throw new OptionException($"Unknown --on '{other}': expected main or worker."),
        };
        args.RejectUnknown();
        torch.set_num_threads(threads);

        using var workload = PumaWorkload.Create(kind, batch, torch.CPU);
        string action;
        if (File.Exists(weights))
        {
            ComparisonWeights.Load(workload, weights);
            action = "loaded";
        }
        else
        {
            ComparisonWeights.Export(workload, weights);
            action = "exported";
        }
        double check = ComparisonWeights.MaxDifferenceFromFile(workload, weights);
        Console.Error.WriteLine($"torchsharp: {action} {weights}; eval embeddings vs file: max |Δ| = {check:E2}");

        var (train, infer) = onWorker
            ? Task.Run(() => Time(workload, warmup, steps)).GetAwaiter().GetResult()
            : Time(workload, warmup, steps);
        var result = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["impl"] = "torchsharp",
            ["version"] = $"TorchSharp {typeof(torch).Assembly.GetName().Version} / LibTorch {torch.__version__}",
            ["model"] = kind.ToString(),
            ["batch"] = batch,
            ["threads"] = torch.get_num_threads(),
            ["train_best_s"] = train.BestSeconds,
            ["train_median_s"] = train.MedianSeconds,
            ["train_cpu_per_wall"] = train.CpuPerWall,
            ["train_ips"] = batch / train.BestSeconds,
            ["train_best_cpu_s"] = train.BestCpuSeconds,
            ["train_cpu_ips"] = batch / train.BestCpuSeconds,
            ["infer_best_s"] = infer.BestSeconds,
            ["infer_median_s"] = infer.MedianSeconds,
            ["infer_cpu_per_wall"] = infer.CpuPerWall,
            ["infer_ips"] = batch / infer.BestSeconds,
            ["infer_best_cpu_s"] = infer.BestCpuSeconds,
            ["infer_cpu_ips"] = batch / infer.BestCpuSeconds,
            ["load_average"] = ProcessStats.LoadAverage(),
            ["allocator"] = AllocatorChoice.Current,
            ["thread"] = onWorker ? "worker" : "main",
        };
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        return 0;
    }

    private static (StepTimer Train, StepTimer Infer) Time(PumaWorkload workload, int warmup, int steps) =>
        (StepTimer.Measure(() => workload.TrainStep(), warmup, steps), StepTimer.Measure(() => workload.Embed(), warmup, steps));
}
