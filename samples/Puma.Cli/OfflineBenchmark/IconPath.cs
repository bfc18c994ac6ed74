using System.Text.RegularExpressions;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>One icon file of a theme: its freedesktop name, context and nominal size.</summary>
/// <param name="Name">Icon name (file name without extension), e.g. <c>printer</c>.</param>
/// <param name="Context">Context folder, e.g. <c>devices</c>.</param>
/// <param name="Size">Nominal size in pixels (size × scale for <c>@2x</c> folders); 0 for <c>scalable</c>.</param>
/// <param name="IsSvg">True for an SVG file.</param>
/// <param name="Path">Full path of the file (may be a symbolic link).</param>
internal sealed record IconFile(string Name, string Context, int Size, bool IsSvg, string Path)
{
    /// <summary>
    /// Preference for rendering at 112 px (higher is better): PNG of at least 96 px (the smallest such),
    /// then SVG (the largest nominal size; scalable counts as 256), then PNG of 48–95 px, then PNG of 32–47 px.
    /// Smaller PNGs are not used.
    /// </summary>
    public int Preference => (IsSvg, Size) switch
    {
        (false, >= 96) => 4_000_000 - Size,
        (true, 0) => 3_000_256,
        (true, _) => 3_000_000 + Math.Min(Size, 255),
        (false, >= 48) => 2_000_000 + Size,
        (false, >= 32) => 1_000_000 + Size,
        _ => 0,
    };
}

/// <summary>
/// Reads the context and size of an icon from its path inside a theme folder, whatever the theme's layout
/// (<c>48x48/devices</c>, <c>devices/48</c>, <c>base/48x48/devices</c>, <c>48x48@2x/devices</c>, <c>scalable/devices</c>).
/// Leaves out the <c>mimetypes</c>, <c>symbolic</c>, <c>cursors</c> and <c>animations</c> contexts and
/// <c>*-symbolic</c> names.
/// </summary>
internal static partial class IconPath
{
    /// <summary>Contexts that are left out (mime-type icons differ mostly by a label; the others are not concepts).</summary>
    public static IReadOnlySet<string> ExcludedContexts { get; } =
        new HashSet<string>(["mimetypes", "mimes", "symbolic", "cursors", "animations"], StringComparer.Ordinal);

    [GeneratedRegex(@"^(\d+)(?:x\d+)?(?:@(\d+)x)?$")]
    private static partial Regex SizeFolder();

    /// <summary>Parses <paramref name="relativePath"/> (relative to the theme folder, '/'-separated); null when left out.</summary>
    public static IconFile? Parse(string relativePath, string fullPath)
    {
        string[] parts = relativePath.Split('/');
        string file = parts[^1];
        bool isSvg = file.EndsWith(".svg", StringComparison.Ordinal);
        if (!isSvg && !file.EndsWith(".png", StringComparison.Ordinal))
        {
            return null;
        }
        string name = file[..^4];
        if (name.Length == 0 || name.EndsWith("-symbolic", StringComparison.Ordinal))
        {
            return null;
        }
        int? size = null;
        string? context = null;
        foreach (string folder in parts[..^1])
        {
            Match m = SizeFolder().Match(folder);
            if (m.Success)
            {
                size = int.Parse(m.Groups[1].Value) * (m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : 1);
            }
            else if (folder == "scalable")
            {
                size = 0;
            }
            else if (folder.StartsWith("scalable", StringComparison.Ordinal) || ExcludedContexts.Contains(folder))
            {
                return null; // e.g. scalable-up-to-32: drawings tuned for small sizes
            }
            else if (folder != "base")
            {
                context ??= folder;
            }
        }
        return size is null || context is null ? null : new IconFile(name, context, size.Value, isSvg, fullPath);
    }
}
