using NUnit.Framework;
using Puma.Data;
using Puma.Data.Benchmarks;
using Puma.Testing;

namespace Puma.Core.Tests.Data.Benchmarks;

public class InShopLoaderTests : BenchmarkTestFolder
{
    [Test]
    public void QueryAndGalleryShareTheTestItems()
    {
        string folder = In(TinyBenchmarkTree.InShop);
        TinyBenchmarkTree.WriteInShop(folder);
        BenchmarkDataset shop = InShopLoader.Load(folder);

        Assert.That(shop.HasSeparateQueryGallery, Is.True);
        Assert.That(shop.Test, Is.Null);
        Assert.That(shop.Splits.Select(s => s.Name), Is.EqualTo(new[] { "train", "query", "gallery" }));
        Assert.That(shop.Train.Classes, Is.EqualTo(new[] { "id_00000002", "id_00000080" }));
        Assert.That(Samples(shop.Train, folder), Is.EqualTo(new[]
        {
            ("Img/img/WOMEN/Dresses/id_00000080/02_1_front.jpg", 1),
            ("Img/img/WOMEN/Dresses/id_00000002/02_1_front.jpg", 0),
            ("Img/img/WOMEN/Dresses/id_00000002/02_2_side.jpg", 0),
        }));
        Assert.That(shop.Query!.Classes, Is.EqualTo(new[] { "id_00000007", "id_00000010" }));
        Assert.That(shop.Gallery!.Classes, Is.EqualTo(shop.Query.Classes));
        Assert.That(Samples(shop.Query, folder), Is.EqualTo(new[]
        {
            ("Img/img/WOMEN/Skirts/id_00000010/01_1_front.jpg", 1), ("Img/img/MEN/Shirts_Polos/id_00000007/01_1_front.jpg", 0),
        }));
        Assert.That(Samples(shop.Gallery, folder), Is.EqualTo(new[]
        {
            ("Img/img/WOMEN/Skirts/id_00000010/01_2_side.jpg", 1), ("Img/img/MEN/Shirts_Polos/id_00000007/01_3_back.jpg", 0),
        }));

        // Merged with another dataset, the query and gallery sides get the same global labels.
        var other = ImageFolder.FromList("Other", folder, ["a", "b"], [new ImageFolderSample("x.jpg", 1)]);
        var queries = UniversalDataset.Combine(other, shop.TestQueries).Samples.Skip(1).Select(s => (s.ClassName, s.Label));
        var gallery = UniversalDataset.Combine(other, shop.TestGallery).Samples.Skip(1).Select(s => (s.ClassName, s.Label));
        Assert.That(queries, Is.EqualTo(new[] { ("id_00000010", 3), ("id_00000007", 2) }));
        Assert.That(gallery, Is.EqualTo(queries));
    }

    [Test]
    public void DeclaredImageCountMustMatch()
    {
        string folder = In(TinyBenchmarkTree.InShop);
        TinyBenchmarkTree.WriteInShop(folder);
        string file = Path.Combine(folder, "Eval", "list_eval_partition.txt");
        var lines = File.ReadAllLines(file);
        lines[0] = "8";
        File.WriteAllLines(file, lines);
        var ex = Assert.Throws<InvalidDataException>(() => InShopLoader.Load(folder));
        Assert.That(ex!.Message, Does.StartWith(file + ":1:").And.Contain("declares 8 images but lists 7"));
    }

    [Test]
    public void UnknownStatusNamesTheLine()
    {
        string folder = In(TinyBenchmarkTree.InShop);
        TinyBenchmarkTree.WriteInShop(folder);
        string file = Path.Combine(folder, "Eval", "list_eval_partition.txt");
        var lines = File.ReadAllLines(file);
        lines[4] = lines[4].Replace("train", "val");
        File.WriteAllLines(file, lines);
        var ex = Assert.Throws<InvalidDataException>(() => InShopLoader.Load(folder));
        Assert.That(ex!.Message, Does.StartWith(file + ":5:").And.Contain("'val'"));
    }

    [Test]
    public void ItemInTrainAndTestIsRejected()
    {
        string folder = In(TinyBenchmarkTree.InShop);
        TinyBenchmarkTree.WriteInShop(folder);
        string file = Path.Combine(folder, "Eval", "list_eval_partition.txt");
        var lines = File.ReadAllLines(file);
        lines[2] = lines[2].Replace("id_00000080 train", "id_00000007 train");
        File.WriteAllLines(file, lines);
        var ex = Assert.Throws<InvalidDataException>(() => InShopLoader.Load(folder));
        Assert.That(ex!.Message, Does.Contain("'id_00000007'"));
    }
}
