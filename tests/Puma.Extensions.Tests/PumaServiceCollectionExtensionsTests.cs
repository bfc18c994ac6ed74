using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Puma.Data;
using Puma.Models;

namespace Puma.Extensions.Tests;

public class PumaServiceCollectionExtensionsTests
{
    [Test]
    public async Task TheContainerHandsOutOneGeneratorOverOneModel()
    {
        var services = new ServiceCollection().AddPumaEmbeddingGenerator(_ => TinyModel.Create(), o => o.ModelId = "di");
        await using var provider = services.BuildServiceProvider();

        var generator = provider.GetRequiredService<IEmbeddingGenerator<DataContent, Embedding<float>>>();
        var model = provider.GetRequiredService<UniversalMetricModel>();
        Assert.That(provider.GetRequiredService<IEmbeddingGenerator<DataContent, Embedding<float>>>(), Is.SameAs(generator));
        Assert.That(generator.GetService<UniversalMetricModel>(), Is.SameAs(model));

        byte[] png = TinyModel.Png(99);
        var embedding = await generator.GenerateVectorAsync(new DataContent(png, "image/png"));
        Assert.That(embedding.ToArray(), Is.EqualTo(model.Embed(ImageDecoder.Decode(png))).Within(1e-6f));
        Assert.That(generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId, Is.EqualTo("di"));
    }

    [Test]
    public void TheContainerMustOwnTheModel() =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddPumaEmbeddingGenerator(_ => TinyModel.Create(), o => o.OwnsModel = true));
}
