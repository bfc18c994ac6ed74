using NUnit.Framework;
using Puma.IO;

namespace Puma.Core.Tests.IO;

/// <summary>.npz archives; the happy path is covered by the AugReg fixture (Checkpoints/Timm/TimmVitParityTests).</summary>
public class NpzReaderTests
{
    [Test]
    public void NpzThatIsNotAZipIsRejectedNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"puma-npz-{Guid.NewGuid():N}.npz");
        File.WriteAllText(path, "not a zip archive");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => NpzReader.Read(path));
            Assert.That(error!.Message, Does.Contain(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
