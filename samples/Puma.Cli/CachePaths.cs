namespace Puma.Cli;

/// <summary>Where the CLI keeps downloads, prepared data, stem features and pre-trained encoders.</summary>
public static class CachePaths
{
    /// <summary><c>$PUMA_CACHE</c> when set, else <c>$XDG_CACHE_HOME/puma</c>, else <c>~/.cache/puma</c>.</summary>
    public static string DefaultRoot
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("PUMA_CACHE");
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var baseFolder = string.IsNullOrWhiteSpace(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(baseFolder, "puma");
        }
    }
}
