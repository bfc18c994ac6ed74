using NUnit.Framework;
using Puma.Cli.Baselines;
using Puma.Data;

namespace Puma.Cli.Tests.Baselines;

/// <summary>The error analysis on hand-placed embeddings whose nearest neighbours are known.</summary>
public class StyleErrorsTests
{
    [Test]
    public void CountsEachWrongNeighbourByWhereItComesFrom()
    {
        // Dataset "fonts" (styled: the styles a and b occur in both classes) and dataset "plain" (file names unique).
        var fonts = Folder("fonts", ["k1/a.png", "k1/b.png", "k2/a.png", "k2/b.png"]);
        var plain = Folder("plain", ["p1/i0.png", "p1/i1.png", "p2/i2.png"]);
        var data = UniversalDataset.Combine(fonts, plain);
        // 2-d unit vectors at these angles (degrees), in sample order k1/a, k1/b, k2/a, k2/b, p1/i0, p1/i1, p2/i2.
        double[] angles = [0, 50, 5, 100, 170, 180, 101];
        var embeddings = angles.SelectMany(a => new[] { (float)Math.Cos(a * Math.PI / 180), (float)Math.Sin(a * Math.PI / 180) }).ToArray();
        // Nearest (by angle): 0°(k1/a)→5°(k2/a) wrong same style; 50°(k1/b)→5°(k2/a)? |50-5|=45 vs |50-100|=50 → k2/a: wrong, other style;
        // 5°(k2/a)→0°(k1/a) wrong same style; 100°(k2/b)→101°(p2/i2) wrong other dataset; 170°(p1/i0)→180°(p1/i1) right;
        // 180°(p1/i1)→170°(p1/i0) right; 101°(p2/i2)→100°(k2/b) wrong other dataset.
        var errors = StyleErrors.Analyse(data, embeddings, 2);

        Assert.That(StyleErrors.StyledDatasets(data), Is.EquivalentTo(new[] { 0 }), "only fonts has a style axis");
        Assert.That(errors.Queries, Is.EqualTo(7));
        Assert.That(errors.Errors, Is.EqualTo(5));
        Assert.That(errors.SameStyle, Is.EqualTo(2));
        Assert.That(errors.SameDatasetOtherStyle, Is.EqualTo(1));
        Assert.That(errors.OtherDataset, Is.EqualTo(2));
        Assert.That(errors.StyledErrors, Is.EqualTo(4), "the errors of the fonts queries");
        Assert.That(errors.SameStyleShare, Is.EqualTo(0.5));
    }

    [Test]
    public void AMismatchedEmbeddingArrayIsRefused()
    {
        var data = UniversalDataset.Combine(Folder("d", ["c1/x.png", "c2/y.png"]));
        Assert.Throws<ArgumentException>(() => StyleErrors.Analyse(data, new float[5], 2));
    }

    private static ImageFolder Folder(string name, string[] files)
    {
        var classes = files.Select(f => f.Split('/')[0]).Distinct().Order(StringComparer.Ordinal).ToList();
        var samples = files.Select(f => new ImageFolderSample($"/b/{name}/test/{f}", classes.IndexOf(f.Split('/')[0]))).ToList();
        return ImageFolder.FromList(name, $"/b/{name}/test", classes, samples);
    }
}
