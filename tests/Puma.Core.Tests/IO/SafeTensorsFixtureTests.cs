using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Puma.Testing;
using Puma.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.IO;

/// <summary>Reads the authors'-code fixtures and checks them against their README.</summary>
public class SafeTensorsFixtureTests
{
    private static string ReadmeSha256(string fileName)
    {
        var readme = File.ReadAllText(Fixtures.PumaReference("README.md"));
        var row = Regex.Match(readme, $@"^\|\s*`{Regex.Escape(fileName)}`\s*\|[^|]*\|\s*`([0-9a-f]{{64}})`\s*\|", RegexOptions.Multiline);
        Assert.That(row.Success, Is.True, $"README has no sha256 row for {fileName}");
        return row.Groups[1].Value;
    }

    [TestCase("inputs.safetensors")]
    [TestCase("losses.safetensors")]
    public void FileSha256MatchesTheReadme(string fileName)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Fixtures.PumaReference(fileName))));
        Assert.That(actual, Is.EqualTo(ReadmeSha256(fileName)));
    }

    [Test]
    public void InputsHoldImagesF32OfShape4x3x32x32()
    {
        var path = Fixtures.PumaReference("inputs.safetensors");
        var header = SafeTensorsReader.ReadHeader(path);
        Assert.That(header.Tensors.Select(t => (t.Name, t.DType)), Is.EqualTo(new[] { ("images", SafeTensorsDType.F32) }));
        Assert.That(header.Metadata["commit"], Is.EqualTo("99c70caf54267cc326a1cf3c03bdb6a93d195500"));

        using var scope = torch.NewDisposeScope();
        var images = SafeTensorsReader.Read(path)["images"];
        Assert.That(images.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(images.shape, Is.EqualTo(new long[] { 4, 3, 32, 32 }));
    }

    [Test]
    public void ExpectedAlphaAndEmbeddingMatchTheValuesPrintedInTheReadme()
    {
        using var scope = torch.NewDisposeScope();
        var expected = SafeTensorsReader.Read(Fixtures.PumaReference("expected.safetensors"));
        float[] alpha =
        {
            0.14464909f, -0.05711144f, -0.00704412f, 0.12357339f,
            -0.06680962f, -0.30685985f, 0.04811347f, 0.2375739f,
            -0.10167469f, -0.19617572f, -0.05605501f, -0.00371671f,
            -0.10496268f, -0.22939412f, -0.13406573f, 0.12224943f,
        };
        Assert.That(expected["puma.alpha"].data<float>().ToArray(), Is.EqualTo(alpha).Within(1e-8f));
        var embedding = expected["puma.embedding"];
        Assert.That(embedding.shape, Is.EqualTo(new long[] { 4, 16 }));
        Assert.That(embedding.data<float>().ToArray()[..4], Is.EqualTo(new[] { -0.31142947f, 0.08000115f, -0.337131f, 0.0920344f }).Within(1e-8f));
        Assert.That(expected["puma.embedding_f64"].dtype, Is.EqualTo(ScalarType.Float64));
    }

    [Test]
    public void LossesHoldTheLabelsAndLossesPrintedInTheReadme()
    {
        using var scope = torch.NewDisposeScope();
        var losses = SafeTensorsReader.Read(Fixtures.PumaReference("losses.safetensors"));
        Assert.That(losses["labels"].dtype, Is.EqualTo(ScalarType.Int64));
        Assert.That(losses["labels"].data<long>().ToArray(), Is.EqualTo(new long[] { 0, 0, 1, 2, 2, 4 }));
        Assert.That(losses["labels2"].data<long>().ToArray(), Is.EqualTo(new long[] { 1, 1, 3, 3, 0, 4 }));
        Assert.That(losses["pa_loss"].item<float>(), Is.EqualTo(23.165493f).Within(1e-6f));
        Assert.That(losses["pa_loss_f64"].item<double>(), Is.EqualTo(23.165493092830648));
        Assert.That(losses["X"].shape, Is.EqualTo(new long[] { 6, 16 }));
        Assert.That(losses["proxies"].shape, Is.EqualTo(new long[] { 5, 16 }));
    }
}
