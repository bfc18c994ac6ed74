using Spectre.Console;

namespace Puma.Cli.LiveDisplay;

/// <summary>The tracker of an interactive terminal: one Spectre.Console bar per task (Spectre's tasks are thread-safe).</summary>
internal sealed class BarProgressTracker(ProgressContext context) : ProgressTracker
{
    private readonly Dictionary<string, ProgressTask> tasks = new(StringComparer.Ordinal);

    public override void Report(string task, double done, double total, string? label = null)
    {
        ProgressTask bar;
        lock (tasks)
        {
            if (!tasks.TryGetValue(task, out bar!))
            {
                bar = context.AddTask(Markup.Escape(task), maxValue: Math.Max(total, 1));
                tasks[task] = bar;
            }
        }
        bar.MaxValue = Math.Max(total, 1);
        bar.Value = Math.Clamp(done, 0, bar.MaxValue);
        bar.Description = Markup.Escape(label is null ? task : $"{task}: {label}");
        if (bar.Value >= bar.MaxValue) bar.StopTask(); // its elapsed time stops with it
    }

    /// <summary>Fills every bar that was left short (work that ended early, e.g. a cached step).</summary>
    public void CompleteAll()
    {
        lock (tasks)
        {
            foreach (ProgressTask bar in tasks.Values)
            {
                bar.Value = bar.MaxValue;
                bar.StopTask();
            }
        }
    }
}
