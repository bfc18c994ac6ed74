using NUnit.Framework;
using Puma.Data.Benchmarks;
using Puma.Evaluation;
using Puma.Testing;

namespace Puma.Core.Tests.Data.Benchmarks;

public class PumaBenchmarkTests : BenchmarkTestFolder
{
    [Test]
    public void CatalogueHasTheEightDatasetsWithTableOneCounts()
    {
        Assert.That(PumaBenchmark.Datasets.Select(d => d.Folder), Is.EqualTo(new[]
        {
            "CUB_200_2011", "cars196", "Stanford_Online_Products", "Inshop_Clothes", "nabirds", "dogs", "flowers", "fgvc-aircraft-2013b",
        }));
        // Sums the paper's Table 1 implies: 15,952 training classes; 22,909 + 25,653 = 48,562 NABirds images;
        // 3,493 + 4,696 = 8,189 Flowers images; 14,218 + 12,612 In-Shop test images.
        int trainClasses = PumaBenchmark.Datasets.Sum(d => d.Expected.Single(s => s.Split == "train").Classes.Min);
        Assert.That(trainClasses, Is.EqualTo(15_952));
        int Images(string name, string split) => PumaBenchmark.Datasets.Single(d => d.Name == name).Expected.Single(s => s.Split == split).Images.Min;
        Assert.That(Images("NABirds", "train") + Images("NABirds", "test"), Is.EqualTo(48_562));
        Assert.That(Images("Flowers", "train") + Images("Flowers", "test"), Is.EqualTo(8_189));
        Assert.That(Images("Aircraft", "train") + Images("Aircraft", "test"), Is.EqualTo(10_000));
        Assert.That(Images("InShop", "query") + Images("InShop", "gallery"), Is.EqualTo(26_830));
        Assert.That(Images("CUB", "train") + Images("CUB", "test"), Is.EqualTo(11_788));
        Assert.That(Images("Cars", "train") + Images("Cars", "test"), Is.EqualTo(16_185));
        Assert.That(Images("SOP", "train") + Images("SOP", "test"), Is.EqualTo(120_053));
    }

    [Test]
    public void TinyTreeLoadsAndMergesIntoOneLabelSpace()
    {
        TinyBenchmarkTree.WriteAll(Root);
        var datasets = PumaBenchmark.LoadAll(Root);
        Assert.That(datasets.Select(d => d.Name), Is.EqualTo(new[] { "CUB", "Cars", "SOP", "InShop", "NABirds", "Dogs", "Flowers", "Aircraft" }));

        var train = PumaBenchmark.Train(datasets);
        // Declared training classes: 2 + 2 + 3 + 2 + 3 + 2 + 3 + 2.
        Assert.That(train.NumClasses, Is.EqualTo(19));
        Assert.That(train.Samples, Has.Count.EqualTo(3 + 3 + 4 + 3 + 4 + 3 + 5 + 4));

        var queries = PumaBenchmark.TestQueries(datasets);
        var gallery = PumaBenchmark.TestGallery(datasets);
        Assert.That(queries.ClassOffsets, Is.EqualTo(gallery.ClassOffsets));
        Assert.That(queries.ClassOffsets, Is.EqualTo(new[] { 0, 2, 4, 6, 8, 10, 12, 14 }));
        Assert.That(queries.Samples, Has.Count.EqualTo(3 + 3 + 3 + 2 + 2 + 3 + 4 + 2));
        Assert.That(gallery.Samples, Has.Count.EqualTo(queries.Samples.Count));
        // The 7 same-source test splits are both sides; only In-Shop differs between them.
        var differing = queries.Samples.Zip(gallery.Samples).Where(p => p.First.Path != p.Second.Path).Select(p => p.First.DatasetIndex).Distinct();
        Assert.That(differing, Is.EqualTo(new[] { 3 }));

        // One list with roles: same-source test images are both queries and gallery items, In-Shop's are one or the other.
        BenchmarkTestSet test = PumaBenchmark.Test(datasets);
        Assert.That(test.Samples.ClassOffsets, Is.EqualTo(queries.ClassOffsets));
        Assert.That(test.Samples.Samples, Has.Count.EqualTo(3 + 3 + 3 + 4 + 2 + 3 + 4 + 2));
        Assert.That(test.Roles, Has.Count.EqualTo(test.Samples.Samples.Count));
        var shop = test.Samples.Samples.Select((s, i) => (s, Role: test.Roles[i])).Where(p => p.s.DatasetIndex == 3).ToArray();
        Assert.That(shop.Select(p => (p.s.ClassName, p.s.Label, p.Role)), Is.EqualTo(new[]
        {
            ("id_00000010", 7, SampleRole.Query), ("id_00000007", 6, SampleRole.Query),
            ("id_00000010", 7, SampleRole.Gallery), ("id_00000007", 6, SampleRole.Gallery),
        }));
        Assert.That(test.Roles.Where((r, i) => test.Samples.Samples[i].DatasetIndex != 3), Is.All.EqualTo(SampleRole.Both));
    }
}
