using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// Fetches Debian and npm packages into <c>&lt;cacheRoot&gt;/downloads</c> with their ordinary clients and
/// unpacks the wanted parts once. Archives and unpacked trees are kept, so a rerun fetches nothing.
/// </summary>
internal sealed class PackageCache(string downloadsRoot, ILogger logger)
{
    private string DebFolder => Path.Combine(downloadsRoot, "apt");
    private string NpmFolder => Path.Combine(downloadsRoot, "npm");
    private string UnpackedFolder => Path.Combine(downloadsRoot, "unpacked");

    /// <summary>Folder into which <paramref name="package"/> is unpacked (archive paths below it).</summary>
    public string UnpackedPath(PackageSource package) => Path.Combine(UnpackedFolder, package.Name);

    /// <summary>Fetches the missing archives (one client call per registry) and unpacks the missing trees.</summary>
    /// <returns>Name → exact version of every package.</returns>
    public async Task<IReadOnlyDictionary<string, string>> EnsureAsync(IReadOnlyList<PackageSource> packages, CancellationToken ct)
    {
        Directory.CreateDirectory(DebFolder);
        Directory.CreateDirectory(NpmFolder);
        Directory.CreateDirectory(UnpackedFolder);
        await FetchDebsAsync(packages.Where(p => p.Registry == PackageRegistry.Debian).Select(p => p.Name).ToList(), ct).ConfigureAwait(false);
        foreach (PackageSource npm in packages.Where(p => p.Registry == PackageRegistry.Npm))
        {
            await FetchNpmAsync(npm, ct).ConfigureAwait(false);
        }
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (PackageSource package in packages)
        {
            ct.ThrowIfCancellationRequested();
            string archive = ArchivePath(package) ?? throw new InvalidOperationException($"The archive of '{package.Name}' is missing after download.");
            versions[package.Name] = package.Version ?? DebVersion(archive);
            await UnpackAsync(package, archive, ct).ConfigureAwait(false);
        }
        return versions;
    }

    private string? ArchivePath(PackageSource package) => package.Registry == PackageRegistry.Debian
        ? Directory.EnumerateFiles(DebFolder, package.Name + "_*.deb").Order(StringComparer.Ordinal).LastOrDefault()
        : File.Exists(NpmArchive(package)) ? NpmArchive(package) : null;

    private string NpmArchive(PackageSource package) =>
        Path.Combine(NpmFolder, $"{package.Name.TrimStart('@').Replace('/', '-')}-{package.Version}.tgz");

    /// <summary>"fonts-seto_6.20-2_all.deb" → "6.20-2"; an epoch is stored as "%3a" in the file name.</summary>
    private static string DebVersion(string debPath) =>
        Uri.UnescapeDataString(Path.GetFileNameWithoutExtension(debPath).Split('_')[1]);

    /// <summary>
    /// Downloads the missing .debs in one <c>apt-get download</c> call. Without package lists (a fresh machine)
    /// <c>apt-get update</c> runs first; when the download fails, it runs once (lists may be stale) and the download
    /// is retried; a package that still fails is named in the exception.
    /// </summary>
    private async Task FetchDebsAsync(List<string> names, CancellationToken ct)
    {
        List<string> missing = names.Where(n => !Directory.EnumerateFiles(DebFolder, n + "_*.deb").Any()).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        bool updated = false;
        if (!AptListsPresent())
        {
            await AptUpdateAsync(ct).ConfigureAwait(false);
            updated = true;
        }
        logger.LogInformation("apt-get download {Count} packages: {Packages}", missing.Count, string.Join(' ', missing));
        try
        {
            await ProcessRunner.RunAsync("apt-get", ["download", .. missing], DebFolder, ct).ConfigureAwait(false);
            return;
        }
        catch (InvalidOperationException first) when (!updated)
        {
            logger.LogWarning("apt-get download failed ({Message}); running apt-get update once and trying again.", first.Message);
            await AptUpdateAsync(ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Lists are fresh: find the culprit below.
        }
        foreach (string name in missing.Where(n => !Directory.EnumerateFiles(DebFolder, n + "_*.deb").Any()))
        {
            try
            {
                await ProcessRunner.RunAsync("apt-get", ["download", name], DebFolder, ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"The Debian package '{name}' cannot be downloaded with apt-get: {e.Message}", e);
            }
        }
    }

    /// <summary>True when apt has package lists (any <c>*_Packages</c> file under /var/lib/apt/lists).</summary>
    private static bool AptListsPresent() =>
        Directory.Exists("/var/lib/apt/lists")
        && Directory.EnumerateFiles("/var/lib/apt/lists", "*_Packages*").Any();

    private async Task AptUpdateAsync(CancellationToken ct)
    {
        logger.LogInformation("Running apt-get update (package lists are missing or stale)");
        await ProcessRunner.RunAsync("apt-get", ["update"], DebFolder, ct).ConfigureAwait(false);
    }

    private async Task FetchNpmAsync(PackageSource package, CancellationToken ct)
    {
        if (File.Exists(NpmArchive(package)))
        {
            return;
        }
        logger.LogInformation("npm pack {Package}@{Version}", package.Name, package.Version);
        await ProcessRunner.RunAsync("npm", ["pack", $"{package.Name}@{package.Version}", "--silent"], NpmFolder, ct).ConfigureAwait(false);
        if (!File.Exists(NpmArchive(package)))
        {
            throw new InvalidOperationException($"npm pack did not produce '{NpmArchive(package)}'.");
        }
    }

    /// <summary>Unpacks the wanted prefixes into a temporary folder, then renames it (an unpacked tree is always complete).</summary>
    private async Task UnpackAsync(PackageSource package, string archive, CancellationToken ct)
    {
        string target = UnpackedPath(package);
        string stamp = Path.Combine(target, ".unpacked.json");
        string wanted = JsonSerializer.Serialize(new { archive = Path.GetFileName(archive), prefixes = package.Prefixes });
        if (File.Exists(stamp) && File.ReadAllText(stamp) == wanted)
        {
            return;
        }
        logger.LogInformation("Unpacking {Archive}", Path.GetFileName(archive));
        string temp = target + ".tmp";
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }
        Directory.CreateDirectory(temp);
        if (package.Registry == PackageRegistry.Debian)
        {
            await UnpackDebAsync(archive, temp, package.Prefixes, ct).ConfigureAwait(false);
        }
        else
        {
            await using var file = File.OpenRead(archive);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await ExtractTarAsync(gzip, temp, package.Prefixes, ct).ConfigureAwait(false);
        }
        await File.WriteAllTextAsync(Path.Combine(temp, ".unpacked.json"), wanted, ct).ConfigureAwait(false);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }
        Directory.Move(temp, target);
    }

    /// <summary><c>dpkg-deb --fsys-tarfile</c> decompresses the data member; the tar stream is filtered here.</summary>
    private static async Task UnpackDebAsync(string deb, string target, IReadOnlyList<string> prefixes, CancellationToken ct)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dpkg-deb")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--fsys-tarfile");
        start.ArgumentList.Add(deb);
        using var process = System.Diagnostics.Process.Start(start)
            ?? throw new InvalidOperationException("Cannot start dpkg-deb.");
        Task<string> stderr = process.StandardError.ReadToEndAsync(ct);
        await ExtractTarAsync(process.StandardOutput.BaseStream, target, prefixes, ct).ConfigureAwait(false);
        // The tar reader stops at the end-of-archive marker; drain the padding so dpkg-deb does not hit a broken pipe.
        await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dpkg-deb --fsys-tarfile {deb} failed: {(await stderr.ConfigureAwait(false)).Trim()}");
        }
    }

    /// <summary>Extracts regular files and symbolic links whose path starts with one of <paramref name="prefixes"/>.</summary>
    private static async Task ExtractTarAsync(Stream tar, string target, IReadOnlyList<string> prefixes, CancellationToken ct)
    {
        string root = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
        {
            string name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
            if (name.Length == 0 || (prefixes.Count > 0 && !prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))))
            {
                continue;
            }
            string path = Path.GetFullPath(Path.Combine(target, name));
            if (!path.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The archive entry '{entry.Name}' points outside the target folder.");
            }
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(path);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await entry.ExtractToFileAsync(path, overwrite: true, ct).ConfigureAwait(false);
                    break;
                case TarEntryType.SymbolicLink:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    if (File.Exists(path) || Directory.Exists(path))
                    {
                        File.Delete(path);
                    }
                    // Absolute targets (/usr/share/...) are re-rooted into the unpacked tree.
                    string link = entry.LinkName.StartsWith('/') ? Path.Combine(target, entry.LinkName.TrimStart('/')) : entry.LinkName;
                    File.CreateSymbolicLink(path, link);
                    break;
                case TarEntryType.HardLink:
                    string source = Path.Combine(target, entry.LinkName.StartsWith("./", StringComparison.Ordinal) ? entry.LinkName[2..] : entry.LinkName.TrimStart('/'));
                    if (File.Exists(source))
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        File.Copy(source, path, overwrite: true);
                    }
                    break;
            }
        }
    }
}
