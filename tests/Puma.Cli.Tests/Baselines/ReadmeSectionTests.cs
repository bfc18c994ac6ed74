using NUnit.Framework;
using Puma.Cli.Baselines;

namespace Puma.Cli.Tests.Baselines;

public class ReadmeSectionTests
{
    [Test]
    public void ReplacesOnlyTheTextBetweenTheMarkers()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, $"# Title\nbefore\n{ReadmeSection.Begin}\nold table\n{ReadmeSection.End}\nafter\n");
            ReadmeSection.Replace(path, "| new | table |\n");
            string text = File.ReadAllText(path);
            Assert.That(text, Is.EqualTo($"# Title\nbefore\n{ReadmeSection.Begin}{Environment.NewLine}| new | table |{Environment.NewLine}{ReadmeSection.End}\nafter\n"));
            ReadmeSection.Replace(path, "second");
            Assert.That(File.ReadAllText(path), Does.Contain("second").And.Not.Contain("new | table"), "idempotent markers");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AFileWithoutMarkersIsRefusedAndLeftAlone()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "no markers here");
            var error = Assert.Throws<InvalidDataException>(() => ReadmeSection.Replace(path, "x"))!;
            Assert.That(error.Message, Does.Contain(path).And.Contain("baselines:begin"));
            Assert.That(File.ReadAllText(path), Is.EqualTo("no markers here"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
