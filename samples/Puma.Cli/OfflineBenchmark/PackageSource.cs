namespace Puma.Cli.OfflineBenchmark;

/// <summary>Where a package comes from.</summary>
internal enum PackageRegistry
{
    /// <summary>Debian, fetched with <c>apt-get download</c> and unpacked with <c>dpkg-deb</c>.</summary>
    Debian,

    /// <summary>npm, fetched with <c>npm pack</c>.</summary>
    Npm,
}

/// <summary>
/// A package to fetch and the parts of it to unpack (path prefixes inside the archive, e.g.
/// <c>usr/share/icons/Papirus/</c> for a .deb or <c>package/img/google/64/</c> for an npm tarball).
/// </summary>
/// <param name="Registry">Debian or npm.</param>
/// <param name="Name">Package name.</param>
/// <param name="Version">Exact version for npm; null for Debian (the candidate version of this machine's lists).</param>
/// <param name="Prefixes">Archive paths to unpack; the whole package when empty.</param>
internal sealed record PackageSource(PackageRegistry Registry, string Name, string? Version, IReadOnlyList<string> Prefixes)
{
    /// <summary>A Debian package.</summary>
    public static PackageSource Deb(string name, params string[] prefixes) => new(PackageRegistry.Debian, name, null, prefixes);

    /// <summary>An npm package at an exact version.</summary>
    public static PackageSource Npm(string name, string version, params string[] prefixes) => new(PackageRegistry.Npm, name, version, prefixes);

    /// <summary>
    /// One entry per package: datasets that use the same archive get the union of their prefixes (sorted, so the
    /// unpacked tree's stamp is stable); a package wanted whole by one of them is unpacked whole.
    /// </summary>
    public static IReadOnlyList<PackageSource> Merge(IEnumerable<PackageSource> packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        return packages
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g =>
            {
                PackageSource first = g.First();
                if (g.Any(p => p.Registry != first.Registry || p.Version != first.Version))
                {
                    throw new InvalidOperationException($"The package '{first.Name}' is listed with different registries or versions.");
                }
                IReadOnlyList<string> prefixes = g.Any(p => p.Prefixes.Count == 0)
                    ? []
                    : g.SelectMany(p => p.Prefixes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                return first with { Prefixes = prefixes };
            })
            .ToList();
    }
}
