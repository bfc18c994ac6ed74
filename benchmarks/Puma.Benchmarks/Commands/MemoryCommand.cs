using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Puma.Benchmarks.Infrastructure;
using Puma.Evaluation;
using TorchSharp;

namespace Puma.Benchmarks.Commands;

/// <summary>
/// Peak memory: <c>memory [--steps 20]</c> runs each scenario in a fresh child process (<c>memory-run NAME</c>) so that
/// its peak resident set (<c>VmHWM</c>) is its own, and prints a table: training the demo's hybrid model at batch 64
/// and 256, and chunked kNN evaluation of 100k × 100k (leave-one-out, d = 128) with query chunks of 1024 and 256.
/// </summary>
public static class MemoryCommand
{
    private static readonly string[] Scenarios = ["train-hybrid-64", "train-hybrid-256", "knn-100k-chunk1024", "knn-100k-chunk256"];

    /// <summary>Runs every scenario in a child process and prints the table.</summary>
    public static int Run(CommandArgs args)
    {
        int steps = args.Integer("--steps", 20);
        var only = args.Text("--only", "");
        args.RejectUnknown();
        if (only.Length > 0 && !Scenarios.Contains(only))
            throw new OptionException($"Unknown memory scenario '{only}'; known: {string.Join(", ", Scenarios)}.");
        Console.WriteLine("| scenario | RSS after setup MiB | peak RSS MiB | RSS at end MiB | tensors alive after / before | seconds | load average |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var scenario in Scenarios.Where(s => only.Length == 0 || s == only))
        {
            var line = RunChild(scenario, steps);
            var r = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(line)!;
            Console.WriteLine($"| {scenario} | {r["rss_setup_mib"].GetDouble():F0} | {r["peak_rss_mib"].GetDouble():F0} | {r["rss_end_mib"].GetDouble():F0} | " +
                              $"{r["tensors_after"].GetInt64()} / {r["tensors_before"].GetInt64()} | {r["seconds"].GetDouble():F1} | {r["load_average"].GetString()} |");
        }
        return 0;
    }

    /// <summary>The child side: runs one scenario and prints one <c>RESULT {json}</c> line.</summary>
    public static int RunScenario(string scenario, CommandArgs args)
    {
        int steps = args.Integer("--steps", 20);
        args.RejectUnknown();
        var clock = Stopwatch.StartNew();
        double rssSetup;
        long before, after;
        if (scenario.StartsWith("train-hybrid-", StringComparison.Ordinal))
        {
            int batch = int.Parse(scenario["train-hybrid-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            using var workload = PumaWorkload.Create(WorkloadKind.Hybrid112, batch, torch.CPU);
            rssSetup = ProcessStats.ResidentMiB();
            before = torch.Tensor.TotalCount;
            clock.Restart();
            for (int i = 0; i < steps; i++) workload.TrainStep();
            after = torch.Tensor.TotalCount;
        }
        else if (scenario.StartsWith("knn-100k-chunk", StringComparison.Ordinal))
        {
            int chunk = int.Parse(scenario["knn-100k-chunk".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var set = RandomRetrievalSets.Create(queries: 0, gallery: 100_000, dim: 128, classes: 10_000);
            rssSetup = ProcessStats.ResidentMiB();
            before = torch.Tensor.TotalCount;
            clock.Restart();
            var report = RetrievalEvaluator.Evaluate(set, new RetrievalOptions { QueryChunkSize = chunk });
            after = torch.Tensor.TotalCount;
            Console.Error.WriteLine($"unified Recall@1 {report.Unified.RecallAt1:F4} (random vectors: ≈ chance)");
        }
        else
        {
            throw new OptionException($"Unknown memory scenario '{scenario}'; known: {string.Join(", ", Scenarios)}.");
        }
        var result = new Dictionary<string, object>
        {
            ["scenario"] = scenario,
            ["rss_setup_mib"] = rssSetup,
            ["peak_rss_mib"] = ProcessStats.PeakResidentMiB(),
            ["rss_end_mib"] = ProcessStats.ResidentMiB(),
            ["tensors_before"] = before,
            ["tensors_after"] = after,
            ["seconds"] = clock.Elapsed.TotalSeconds,
            ["load_average"] = ProcessStats.LoadAverage(),
            ["allocator"] = AllocatorChoice.Current,
        };
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        return 0;
    }

    private static string RunChild(string scenario, int steps)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot find the running executable.");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in new[] { "--allocator", AllocatorChoice.Current == "glibc" ? "glibc" : "retain", "memory-run", scenario, "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"Scenario {scenario} failed (exit {child.ExitCode}):{Environment.NewLine}{output}");
        return line["RESULT ".Length..];
    }
}
