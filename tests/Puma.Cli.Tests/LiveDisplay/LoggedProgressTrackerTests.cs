using NUnit.Framework;
using Puma.Cli.LiveDisplay;
using Puma.Testing;

namespace Puma.Cli.Tests.LiveDisplay;

public sealed class LoggedProgressTrackerTests
{
    [Test]
    public void ATaskIsLoggedEachTimeItPassesAnotherStepAndOnceWhenComplete()
    {
        var logger = new ListLogger();
        var tracker = new LoggedProgressTracker(logger, step: 0.25);
        foreach (int done in new[] { 0, 10, 24, 25, 30, 49, 50, 74, 100, 100 }) tracker.Report("render", done, 100);

        // 25 (0.25 after 0), 50 (0.25 after 25), 100 (complete); 10, 24, 30, 49, 74 are under a step; the second 100 repeats.
        Assert.That(logger.Messages, Is.EqualTo(new[] { "render: 25/100 (25%)", "render: 50/100 (50%)", "render: 100/100 (100%)" }));
    }

    [Test]
    public void TasksAreThrottledIndependentlyAndTheLabelIsAppended()
    {
        var logger = new ListLogger();
        var tracker = new LoggedProgressTracker(logger, step: 0.5);
        tracker.Report("a", 5, 10);
        tracker.Report("b", 1, 10);
        tracker.Report("b", 10, 10, "epoch 2/2");
        tracker.Report("a", 6, 10);
        Assert.That(logger.Messages, Is.EqualTo(new[] { "a: 5/10 (50%)", "b: 10/10 (100%) epoch 2/2" }));
    }

    [Test]
    public void AnEmptyTotalIsNotLoggedAndABadStepIsRefused()
    {
        var logger = new ListLogger();
        new LoggedProgressTracker(logger).Report("nothing", 0, 0);
        Assert.That(logger.Messages, Is.Empty);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LoggedProgressTracker(logger, step: 0))!;
        Assert.That(error.ParamName, Is.EqualTo("step"));
    }
}
