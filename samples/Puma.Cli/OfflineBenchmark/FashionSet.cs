using Microsoft.Extensions.Logging;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// Fashion-MNIST (Debian <c>dataset-fashion-mnist</c>, Zalando, MIT): 10 clothing classes, 28×28 greyscale.
/// A fixed-seed sample of <see cref="ImagesPerClass"/> images per class is taken from the 10,000-image test file
/// (<c>t10k</c>), inverted to a dark garment on white and fitted like the other sets (<see cref="GreyscaleSource"/>).
/// No style axis: images are named by their index in the file.
/// </summary>
internal sealed class FashionSet : IBenchmarkSet
{
    private const string Package = "dataset-fashion-mnist";
    private const string Folder = "usr/share/datasets/fashion-mnist/";
    private const int Side = 28;

    /// <summary>Images sampled per class.</summary>
    public const int ImagesPerClass = 60;

    /// <summary>Folder names of the ten labels, in label order (0 = T-shirt/top … 9 = ankle boot).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["tshirt-top", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot"];

    /// <inheritdoc/>
    public string Name => "fashion";

    /// <inheritdoc/>
    public SplitSizes Sizes { get; } = new(0, 5, 5);

    /// <inheritdoc/>
    public bool HasStyleAxis => false;

    /// <inheritdoc/>
    public IReadOnlyList<PackageSource> Packages { get; } =
        [PackageSource.Deb(Package, Folder + "t10k-images-idx3-ubyte.gz", Folder + "t10k-labels-idx1-ubyte.gz", $"usr/share/doc/{Package}/")];

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<ImageRecipe>>> CollectAsync(PackageCache cache, ILogger logger, CancellationToken ct)
    {
        string folder = Path.Combine(cache.UnpackedPath(Packages[0]), Folder);
        string imagesPath = Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), labelsPath = Path.Combine(folder, "t10k-labels-idx1-ubyte.gz");
        IdxArray images = IdxReader.ReadGzipFile(imagesPath), labels = IdxReader.ReadGzipFile(labelsPath);
        Check(images, labels, imagesPath, labelsPath);
        var chosen = GreyscaleSample.Choose(labels.Values.Select(v => (int)v).ToList(), ImagesPerClass, OfflineBenchmarkPreparer.Seed);
        logger.LogInformation("fashion: {Images} of {Total} test images sampled ({PerClass} per class)",
            chosen.Values.Sum(c => c.Count), images.Count, ImagesPerClass);
        return Task.FromResult(GreyscaleSample.Recipes(chosen, label => $"{label}-{ClassNames[label]}", images.Item, Side));
    }

    /// <summary>Images of 28×28, one label (0..9) per image.</summary>
    public static void Check(IdxArray images, IdxArray labels, string imagesPath, string labelsPath)
    {
        if (images.Dimensions.Count != 3 || images.Dimensions[1] != Side || images.Dimensions[2] != Side)
        {
            throw new InvalidDataException($"'{imagesPath}' holds [{string.Join(", ", images.Dimensions)}], not N×{Side}×{Side} images.");
        }
        if (labels.Dimensions.Count != 1 || labels.Count != images.Count)
        {
            throw new InvalidDataException($"'{labelsPath}' holds [{string.Join(", ", labels.Dimensions)}], not {images.Count} labels.");
        }
        if (labels.Values.Any(v => v >= ClassNames.Count))
        {
            throw new InvalidDataException($"'{labelsPath}' has a label beyond {ClassNames.Count - 1}.");
        }
    }
}
