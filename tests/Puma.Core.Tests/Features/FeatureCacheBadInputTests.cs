using NUnit.Framework;
using Puma.Features;
using Puma.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Features;

/// <summary>A corrupt or hand-edited feature cache is refused by name; values the cache cannot store are refused on save.</summary>
public class FeatureCacheBadInputTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-cache-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static Dictionary<string, string> Metadata(string names = "a\nb", string classes = "3") => new()
    {
        ["format"] = "puma-features-v1", ["key"] = "k", ["num_classes"] = classes, ["dataset_names"] = names,
    };

    private string Write(Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        string path = Path.Combine(folder, "cache.safetensors");
        SafeTensorsWriter.Write(path, tensors, metadata);
        foreach (var t in tensors.Values) t.Dispose();
        return path;
    }

    private static Dictionary<string, Tensor> Valid() => new()
    {
        ["features"] = torch.ones(2, 3, dtype: ScalarType.Float16),
        ["labels"] = torch.tensor(new long[] { 0, 2 }),
        ["dataset_indices"] = torch.tensor(new long[] { 0, 1 }),
    };

    private InvalidDataException Refused(Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        string path = Write(tensors, metadata);
        long before = torch.Tensor.TotalCount;
        var error = Assert.Throws<InvalidDataException>(() => FeatureCache.TryLoad(path, "k"))!;
        Assert.That(error.Message, Does.Contain(path));
        Assert.That(torch.Tensor.TotalCount, Is.LessThanOrEqualTo(before), "the tensors read are disposed on the error path");
        return error;
    }

    [Test]
    public void TheValidBaseFileLoads()
    {
        using var data = FeatureCache.TryLoad(Write(Valid(), Metadata()), "k");
        Assert.That(data!.Labels, Is.EqualTo(new[] { 0, 2 }));
    }

    [Test]
    public void MissingTensorIsNamed()
    {
        var tensors = Valid();
        tensors.Remove("labels", out var labels);
        labels!.Dispose();
        Assert.That(Refused(tensors, Metadata()).Message, Does.Contain("'labels' is missing"));
    }

    [Test]
    public void MissingOrBadMetadataIsNamed()
    {
        var metadata = Metadata();
        metadata.Remove("dataset_names");
        Assert.That(Refused(Valid(), metadata).Message, Does.Contain("'dataset_names'"));
        Assert.That(Refused(Valid(), Metadata(classes: "three")).Message, Does.Contain("'num_classes'").And.Contain("three"));
        Assert.That(Refused(Valid(), Metadata(classes: "-1")).Message, Does.Contain("'num_classes'"));
    }

    [Test]
    public void LabelOutOfRangeNamesTheSample()
    {
        var tensors = Valid();
        tensors["labels"].Dispose();
        tensors["labels"] = torch.tensor(new long[] { 0, 3 });
        Assert.That(Refused(tensors, Metadata()).Message, Does.Contain("Label 3 of sample 1").And.Contain("[0, 3)"));
    }

    [Test]
    public void DatasetIndexWithoutANameIsRefused()
    {
        Assert.That(Refused(Valid(), Metadata(names: "only")).Message, Does.Contain("sample 1"));
    }

    [Test]
    public void LabelsOfTheWrongTypeOrLengthAreRefused()
    {
        var tensors = Valid();
        tensors["labels"].Dispose();
        tensors["labels"] = torch.tensor(new float[] { 0, 1 });
        Assert.That(Refused(tensors, Metadata()).Message, Does.Contain("'labels'").And.Contain("int64"));
        tensors = Valid();
        tensors["labels"].Dispose();
        tensors["labels"] = torch.tensor(new long[] { 0, 1, 2 });
        Assert.That(Refused(tensors, Metadata()).Message, Does.Contain("3 labels"));
    }

    [Test]
    public void NonFiniteFeaturesNameTheSample()
    {
        var tensors = Valid();
        tensors["features"].Dispose();
        tensors["features"] = torch.tensor(new float[] { 1, 2, 3, 4, float.PositiveInfinity, 6 }, [2, 3]).to(ScalarType.Float16);
        Assert.That(Refused(tensors, Metadata()).Message, Does.Contain("sample 1"));
    }

    [Test]
    public void UnexpectedTensorIsNamed()
    {
        var tensors = Valid();
        tensors["extra"] = torch.zeros(1);
        Assert.That(Refused(tensors, Metadata()).Message, Does.Contain("'extra'"));
    }

    [Test]
    public void FeaturesBeyondTheFloat16RangeAreRefusedOnSave()
    {
        using var data = new FeatureDataset(torch.tensor(new float[] { 1, 2, 70000, 4 }, [2, 2]), [0, 1], [0, 0], ["a"], 2);
        string path = Path.Combine(folder, "never.safetensors");
        var onSave = Assert.Throws<ArgumentException>(() => FeatureCache.Save(data, path, "k"))!;
        Assert.That(onSave.Message, Does.Contain("Sample 1").And.Contain("65504"));
        Assert.That(File.Exists(path), Is.False);
        Assert.Throws<ArgumentException>(() => FeatureCache.RoundToStoredPrecision(data));
        Assert.That(data.Features[1, 0].item<float>(), Is.EqualTo(70000f), "left unchanged");
    }
}
