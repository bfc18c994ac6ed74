namespace Puma.Cli;

/// <summary>Where the command-line tool keeps downloaded packages and prepared datasets.</summary>
public static class CachePaths
{
    /// <summary><c>$PUMA_CACHE</c> when set, else <c>~/.cache/puma</c>.</summary>
    public static string DefaultRoot =>
        Environment.GetEnvironmentVariable("PUMA_CACHE") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "puma");
}
