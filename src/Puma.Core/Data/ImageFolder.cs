using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Puma.Data;

/// <summary>
/// A labelled image collection laid out as <c>root/&lt;class&gt;/&lt;images&gt;</c> (images may sit in
/// sub-folders of a class folder). Classes are the class folder names sorted ordinally; labels are 0..C−1
/// in that order; files are listed in ordinal order of their relative path. Only file names are read:
/// images are decoded later, by <see cref="ImageDecoder"/>.
/// </summary>
public sealed class ImageFolder
{
    private ImageFolder(string name, string root, IReadOnlyList<string> classes, IReadOnlyList<ImageFolderSample> samples)
    {
        Name = name;
        Root = root;
        Classes = classes;
        Samples = samples;
    }

    /// <summary>Name of the dataset (unique within a <see cref="UniversalDataset"/>).</summary>
    public string Name { get; }

    /// <summary>Full path of the root folder.</summary>
    public string Root { get; }

    /// <summary>Class names; the label of a class is its index here.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The declared number of classes (= <see cref="Classes"/>.Count).</summary>
    public int NumClasses => Classes.Count;

    /// <summary>Every image with its label, class by class.</summary>
    public IReadOnlyList<ImageFolderSample> Samples { get; }

    /// <summary>Lists the class folders of <paramref name="root"/> and their images.</summary>
    /// <param name="root">Folder holding one sub-folder per class.</param>
    /// <param name="name">Dataset name (non-empty).</param>
    /// <param name="options">Options; <see cref="ImageFolderOptions.Default"/> when null.</param>
    /// <param name="logger">Receives a warning for each skipped empty class.</param>
    /// <exception cref="DirectoryNotFoundException">The root folder does not exist.</exception>
    /// <exception cref="InvalidDataException">No class folder, an empty class (unless skipped) or no image at all.</exception>
    /// <exception cref="ArgumentException">Invalid options (no extension, an extension without its dot, an unknown handling).</exception>
    public static ImageFolder Load(string root, string name, ImageFolderOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= ImageFolderOptions.Default;
        options.Validate();
        logger ??= NullLogger.Instance;
        string fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
        {
            throw new DirectoryNotFoundException($"Dataset '{name}': the folder '{fullRoot}' does not exist.");
        }
        var extensions = new HashSet<string>(options.Extensions, StringComparer.OrdinalIgnoreCase);
        string[] classFolders = Directory.GetDirectories(fullRoot)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .OrderBy(d => Path.GetFileName(d), StringComparer.Ordinal)
            .ToArray();
        if (classFolders.Length == 0)
        {
            throw new InvalidDataException($"Dataset '{name}': '{fullRoot}' has no class folders (expected root/<class>/<images>).");
        }
        var classes = new List<string>();
        var samples = new List<ImageFolderSample>();
        foreach (string folder in classFolders)
        {
            string[] files = ListImages(folder, extensions);
            if (files.Length == 0)
            {
                if (options.EmptyClasses == EmptyClassHandling.Throw)
                {
                    throw new InvalidDataException($"Dataset '{name}': the class folder '{folder}' holds no image ({string.Join(", ", extensions.Order())}).");
                }
                logger.LogWarning("Dataset {Dataset}: class folder {Folder} holds no image; the class is left out.", name, folder);
                continue;
            }
            int label = classes.Count;
            classes.Add(Path.GetFileName(folder));
            samples.AddRange(files.Select(f => new ImageFolderSample(f, label)));
        }
        if (samples.Count == 0)
        {
            throw new InvalidDataException($"Dataset '{name}': no image under '{fullRoot}'.");
        }
        return new ImageFolder(name, fullRoot, classes, samples);
    }

    /// <summary>
    /// Creates a dataset from an explicit list of images, e.g. read from a benchmark's annotation files, instead of
    /// from class folders. The lists are copied.
    /// </summary>
    /// <param name="name">Dataset name (non-empty).</param>
    /// <param name="root">The dataset's folder (made absolute; not read).</param>
    /// <param name="classes">Distinct class names; the label of a class is its index.</param>
    /// <param name="samples">At least one image; every label in 0..classes.Count−1.</param>
    /// <exception cref="ArgumentException">No class or sample, a repeated class name, an empty path or a label out of range.</exception>
    public static ImageFolder FromList(string name, string root, IReadOnlyList<string> classes, IReadOnlyList<ImageFolderSample> samples)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(samples);
        if (classes.Count == 0)
        {
            throw new ArgumentException($"Dataset '{name}': no class given.", nameof(classes));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string c in classes)
        {
            if (c is null || !seen.Add(c))
            {
                throw new ArgumentException($"Dataset '{name}': the class name '{c}' is null or repeated.", nameof(classes));
            }
        }
        if (samples.Count == 0)
        {
            throw new ArgumentException($"Dataset '{name}': no image given.", nameof(samples));
        }
        foreach (ImageFolderSample s in samples)
        {
            if (s is null || string.IsNullOrEmpty(s.Path))
            {
                throw new ArgumentException($"Dataset '{name}': a sample is null or has an empty path.", nameof(samples));
            }
            if ((uint)s.Label >= (uint)classes.Count)
            {
                throw new ArgumentException($"Dataset '{name}': the label {s.Label} of '{s.Path}' is outside 0..{classes.Count - 1}.", nameof(samples));
            }
        }
        return new ImageFolder(name, Path.GetFullPath(root), classes.ToArray(), samples.ToArray());
    }

    private static string[] ListImages(string folder, HashSet<string> extensions) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f)) && !Path.GetFileName(f).StartsWith('.'))
            .OrderBy(f => Path.GetRelativePath(folder, f), StringComparer.Ordinal)
            .ToArray();
}
