using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Puma.Cli.LiveDisplay;
using Puma.Testing;

namespace Puma.Cli.Tests.LiveDisplay;

public sealed class DeferredLoggerTests
{
    [Test]
    public void EntriesAreHeldUntilFlushThenReplayedInOrderWithTheirLevels()
    {
        var inner = new ListLogger();
        var deferred = new DeferredLogger(inner);
        deferred.LogInformation("first {N}", 1);
        deferred.LogWarning("second");
        Assert.That(inner.Messages, Is.Empty);

        deferred.Flush();
        Assert.That(inner.Entries, Is.EqualTo(new[] { (LogLevel.Information, "first 1"), (LogLevel.Warning, "second") }));

        deferred.Flush(); // nothing twice
        Assert.That(inner.Messages, Has.Count.EqualTo(2));
    }
}
