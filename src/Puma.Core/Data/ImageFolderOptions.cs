namespace Puma.Data;

/// <summary>Options of <see cref="ImageFolder.Load"/>.</summary>
public sealed record ImageFolderOptions
{
    /// <summary>Image file extensions taken by default (compared without case): png, jpg, jpeg, bmp, gif, webp.</summary>
    public static IReadOnlyList<string> DefaultExtensions { get; } = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>The defaults: empty class folders throw; the extensions of <see cref="DefaultExtensions"/>.</summary>
    public static ImageFolderOptions Default { get; } = new();

    /// <summary>What happens to a class folder without images (default <see cref="EmptyClassHandling.Throw"/>).</summary>
    public EmptyClassHandling EmptyClasses { get; init; } = EmptyClassHandling.Throw;

    /// <summary>File extensions (with the dot) that count as images; compared without case.</summary>
    public IReadOnlyList<string> Extensions { get; init; } = DefaultExtensions;

    internal void Validate()
    {
        if (!Enum.IsDefined(EmptyClasses))
            throw new ArgumentOutOfRangeException(nameof(EmptyClasses), EmptyClasses, "Unknown empty-class handling.");
        if (Extensions is null || Extensions.Count == 0)
            throw new ArgumentException("At least one image extension is required.", nameof(Extensions));
        foreach (var extension in Extensions)
        {
            if (extension is null || extension.Length < 2 || extension[0] != '.')
                throw new ArgumentException($"Extension '{extension}' must start with a dot, like \".png\".", nameof(Extensions));
        }
    }
}
