using NUnit.Framework;
using Puma.Native;

namespace Puma.Cli.Tests;

public class CliErrorsTests
{
    [Test]
    public void BadInputNativeFailuresAndCancellationGetTheirOwnExitCodes()
    {
        Assert.That(CliErrors.Run(() => 0), Is.EqualTo(0));
        Assert.That(CliErrors.Run(() => 1), Is.EqualTo(1));
        Assert.That(CliErrors.Run(() => throw new FileNotFoundException("--checkpoint not found")), Is.EqualTo(CliErrors.BadInput));
        Assert.That(CliErrors.Run(() => throw new DirectoryNotFoundException("--images")), Is.EqualTo(CliErrors.BadInput));
        Assert.That(CliErrors.Run(() => throw new ArgumentException("-k")), Is.EqualTo(CliErrors.BadInput));
        Assert.That(CliErrors.Run(() => throw new InvalidDataException("bad file")), Is.EqualTo(CliErrors.BadInput));
        Assert.That(CliErrors.Run(() => throw new PumaNativeLibraryException("libtorch")), Is.EqualTo(CliErrors.NativeBackend));
        Assert.That(CliErrors.Run(() => throw new OperationCanceledException()), Is.EqualTo(CliErrors.Cancelled));
    }

    [Test]
    public void BugsKeepTheirException() =>
        Assert.Throws<InvalidOperationException>(() => CliErrors.Run(() => throw new InvalidOperationException("bug")));
}
