using Microsoft.Extensions.AI;
using NUnit.Framework;
using Puma.Data;
using Puma.Models;

namespace Puma.Extensions.Tests;

public class PumaImageEmbeddingGeneratorTests
{
    private UniversalMetricModel model = null!;

    [SetUp]
    public void CreateModel() => model = TinyModel.Create();

    [TearDown]
    public void DisposeModel() => model.Dispose();

    [Test]
    public async Task EmbeddingsAreTheModelsOwnInInputOrder()
    {
        using var generator = new PumaImageEmbeddingGenerator(model, new PumaEmbeddingGeneratorOptions { ModelId = "tiny" });
        byte[][] pngs = [TinyModel.Png(10), TinyModel.Png(200)];

        var embeddings = await generator.GenerateAsync(pngs.Select(p => new DataContent(p, "image/png")));

        Assert.That(embeddings, Has.Count.EqualTo(2));
        for (int i = 0; i < 2; i++)
        {
            float[] expected = model.Embed(ImageDecoder.Decode(pngs[i]));
            Assert.That(embeddings[i].Vector.ToArray(), Is.EqualTo(expected).Within(1e-6f), $"input {i} (batched vs alone: BLAS may split products differently)");
            Assert.That(embeddings[i].ModelId, Is.EqualTo("tiny"));
        }
        Assert.That(embeddings[0].Vector.ToArray(), Is.Not.EqualTo(embeddings[1].Vector.ToArray()));
    }

    [Test]
    public void MetadataReportsTheModelAndItsDimensions()
    {
        using var generator = new PumaImageEmbeddingGenerator(model);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;
        Assert.That((metadata.ProviderName, metadata.DefaultModelId, metadata.DefaultModelDimensions), Is.EqualTo(("puma", "puma", (int?)8)));
        Assert.That(generator.GetService<UniversalMetricModel>(), Is.SameAs(model));
        Assert.That(generator.GetService(typeof(EmbeddingGeneratorMetadata), serviceKey: "other"), Is.Null);
    }

    [Test]
    public async Task BadInputsAreNamed()
    {
        using var generator = new PumaImageEmbeddingGenerator(model);
        var text = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(
            [new DataContent(TinyModel.Png(1), "image/png"), new DataContent("hello"u8.ToArray(), "text/plain") { Name = "note.txt" }]));
        Assert.That(text!.Message, Does.Contain("Input 1").And.Contain("note.txt").And.Contain("text/plain"));

        var dimensions = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(
            [new DataContent(TinyModel.Png(1), "image/png")], new EmbeddingGenerationOptions { Dimensions = 4 }));
        Assert.That(dimensions!.Message, Does.Contain("8-d").And.Contain("4"));
    }

    [Test]
    public void OwnsModelDecidesWhoDisposes()
    {
        var owned = TinyModel.Create();
        new PumaImageEmbeddingGenerator(owned, new PumaEmbeddingGeneratorOptions { OwnsModel = true }).Dispose();
        Assert.That(() => owned.Embed(ImageDecoder.Decode(TinyModel.Png(5))), Throws.Exception);

        new PumaImageEmbeddingGenerator(model).Dispose();
        Assert.That(model.Embed(ImageDecoder.Decode(TinyModel.Png(5))), Has.Length.EqualTo(8));
    }
}
