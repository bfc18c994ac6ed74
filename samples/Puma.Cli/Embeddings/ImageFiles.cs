using Puma.Data;

namespace Puma.Cli.Embeddings;

/// <summary>The image files under a folder (recursive, ordinal order of their relative paths) as a one-class dataset.</summary>
internal static class ImageFiles
{
    public static IReadOnlyList<string> Find(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"--images folder not found: {folder}");
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => ImageFolderOptions.DefaultExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(Path.GetFullPath)
            .OrderBy(f => Path.GetRelativePath(folder, f), StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
            throw new InvalidDataException($"--images folder {folder} holds no image ({string.Join(", ", ImageFolderOptions.DefaultExtensions)}).");
        return files;
    }

    public static UniversalDataset AsDataset(string root, IReadOnlyList<string> files) =>
        UniversalDataset.Combine(ImageFolder.FromList("images", root, ["image"], files.Select(f => new ImageFolderSample(f, 0)).ToArray()));
}
