using NUnit.Framework;
using Puma.Cli.OfflineBenchmark;

namespace Puma.Cli.Tests.OfflineBenchmark;

public class PackageSourceTests
{
    [Test]
    public void DatasetsSharingAnArchiveGetTheSortedUnionOfTheirPrefixes()
    {
        var merged = PackageSource.Merge(
        [
            PackageSource.Deb("openclipart-png", "usr/share/openclipart/png/recreation/games/cards/simple/", "usr/share/doc/openclipart-png/"),
            PackageSource.Deb("fonts-seto"),
            PackageSource.Deb("openclipart-png", "usr/share/openclipart/png/", "usr/share/doc/openclipart-png/"),
        ]);
        Assert.That(merged.Select(p => p.Name), Is.EqualTo(new[] { "openclipart-png", "fonts-seto" }));
        Assert.That(merged[0].Prefixes, Is.EqualTo(new[]
        {
            "usr/share/doc/openclipart-png/",
            "usr/share/openclipart/png/",
            "usr/share/openclipart/png/recreation/games/cards/simple/",
        }));
        Assert.That(merged[1].Prefixes, Is.Empty, "a package wanted whole stays whole");
    }

    [Test]
    public void APackageWantedWholeByOneDatasetIsUnpackedWhole()
    {
        var merged = PackageSource.Merge([PackageSource.Deb("p", "a/"), PackageSource.Deb("p")]);
        Assert.That(merged.Single().Prefixes, Is.Empty);
    }

    [Test]
    public void ContradictoryVersionsOfOnePackageAreRefusedByName()
    {
        var e = Assert.Throws<InvalidOperationException>(() => PackageSource.Merge(
            [PackageSource.Npm("emoji-datasource-google", "16.0.0"), PackageSource.Npm("emoji-datasource-google", "15.0.0")]));
        Assert.That(e!.Message, Does.Contain("emoji-datasource-google"));
    }
}
