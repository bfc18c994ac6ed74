using Puma.Benchmarks.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Benchmarks.Commands;

/// <summary>
/// Where a training step's time goes: <c>profile [--model hybrid112|vit-s16] [--batch N] [--threads 1] [--repeats 3]</c>.
/// Times (best CPU time of the repeats) the train-mode forward alone, forward + loss + backward, the whole step
/// (+ clipping and AdamW), and, at the model's attention shape, scaled_dot_product_attention against the written-out
/// softmax(QKᵀ/√d)·V, forward + backward, and the dense layers' GEMMs as plain matmuls of the same shapes.
/// </summary>
public static class ProfileCommand
{
    /// <summary>Runs the command.</summary>
    public static int Run(CommandArgs args)
    {
        var kind = args.Model("hybrid112");
        int batch = args.Integer("--batch", kind == WorkloadKind.Hybrid112 ? 64 : 8);
        int repeats = args.Integer("--repeats", 3);
        int threads = args.Integer("--threads", 1);
        args.RejectUnknown();
        torch.set_num_threads(threads);
        using var w = PumaWorkload.Create(kind, batch, torch.CPU);
        var config = w.Model.Backbone.Config;
        int t = 1 + w.Model.Prompt!.PromptLength + w.Model.Backbone.Stem.NumPatches, d = config.EmbedDim, heads = config.NumHeads;
        Console.WriteLine($"{kind} batch {batch}, {torch.get_num_threads()} thread(s), T = {t}, D = {d}, load average {ProcessStats.LoadAverage()}");
        Console.WriteLine("| part | best CPU s | best wall s |");
        Console.WriteLine("|---|---|---|");
        Row("train-mode forward (no grad)", () =>
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            w.Model.train();
            w.Forward();
        }, repeats);
        Row("forward + loss + backward", () =>
        {
            using var scope = torch.NewDisposeScope();
            w.Model.train();
            w.Model.zero_grad();
            w.Loss.zero_grad();
            w.Loss.forward(w.Forward(), w.Labels).backward();
        }, repeats);
        Row("whole step (+ clipping, AdamW)", () => w.TrainStep(), repeats);
        Row("clip_grad_value_ alone", () => w.ClipGradients(), repeats);
        Row("AdamW step alone", () => w.OptimizerStep(), repeats);

        long rows = (long)batch * t;
        Row($"dense GEMMs only: {config.Depth} × (qkv, proj, fc1, fc2) forward, [{rows}×{d}]", () =>
        {
            using var scope = torch.NewDisposeScope();
            var x = torch.randn(rows, d);
            var h = torch.randn(rows, 4 * d);
            var (wq, wp, w1, w2) = (torch.randn(d, 3 * d), torch.randn(d, d), torch.randn(d, 4 * d), torch.randn(4 * d, d));
            for (int i = 0; i < config.Depth; i++)
            {
                x.matmul(wq);
                x.matmul(wp);
                x.matmul(w1);
                h.matmul(w2);
            }
        }, repeats);
        foreach (bool fused in new[] { true, false })
        {
            Row($"{config.Depth} × attention {(fused ? "scaled_dot_product_attention" : "softmax(QKᵀ/√d)·V")} forward + backward", () =>
            {
                using var scope = torch.NewDisposeScope();
                var q = torch.randn(batch, heads, t, d / heads, requires_grad: true);
                var k = torch.randn(batch, heads, t, d / heads, requires_grad: true);
                var v = torch.randn(batch, heads, t, d / heads, requires_grad: true);
                for (int i = 0; i < config.Depth; i++)
                {
                    var o = fused
                        ? nn.functional.scaled_dot_product_attention(q, k, v)
                        : (q.matmul(k.transpose(-2, -1)) * (1.0 / Math.Sqrt(d / heads))).softmax(-1).matmul(v);
                    o.sum().backward();
                }
            }, repeats);
        }
        return 0;
    }

    private static void Row(string name, Action action, int repeats)
    {
        var timer = StepTimer.Measure(action, 1, repeats);
        Console.WriteLine($"| {name} | {timer.BestCpuSeconds:F3} | {timer.BestSeconds:F3} |");
    }
}
