using Microsoft.Extensions.AI;
using Puma.Data;
using Puma.Models;

namespace Puma.Extensions;

/// <summary>
/// A Microsoft.Extensions.AI embedding generator over a PUMA model: each input is an image as <see cref="DataContent"/>
/// (bytes with an <c>image/*</c> media type: PNG, JPEG, BMP, GIF, WebP), each output its L2-normalised embedding, so a
/// Puma model plugs into .NET AI and vector-store pipelines. Thread-safe (the model serialises its inference).
/// </summary>
public sealed class PumaImageEmbeddingGenerator : IEmbeddingGenerator<DataContent, Embedding<float>>
{
    private readonly UniversalMetricModel model;
    private readonly PumaEmbeddingGeneratorOptions options;
    private readonly EmbeddingGeneratorMetadata metadata;

    /// <summary>Wraps <paramref name="model"/>; see <see cref="PumaEmbeddingGeneratorOptions.OwnsModel"/> for who disposes it.</summary>
    public PumaImageEmbeddingGenerator(UniversalMetricModel model, PumaEmbeddingGeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        this.options = options ?? new PumaEmbeddingGeneratorOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(this.options.ModelId, "options.ModelId");
        ArgumentNullException.ThrowIfNull(this.options.Decode, "options.Decode");
        metadata = new EmbeddingGeneratorMetadata("puma", providerUri: null, this.options.ModelId, model.EmbeddingDim);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An input is null, not an image, has no inline bytes, or the requested dimensions differ from the model's.</exception>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<DataContent> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is int dimensions && dimensions != model.EmbeddingDim)
            throw new ArgumentException($"The model makes {model.EmbeddingDim}-d embeddings; {dimensions} were requested.", nameof(options));
        var inputs = values.ToArray();
        var images = new RgbImage[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) images[i] = Decode(inputs[i], i);
        return Task.Run(() =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var vectors = images.Length == 0 ? [] : model.Embed(images);
            var created = DateTimeOffset.UtcNow;
            return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = this.options.ModelId, CreatedAt = created }));
        }, cancellationToken);
    }

    private RgbImage Decode(DataContent? content, int index)
    {
        if (content is null) throw new ArgumentException($"Input {index} is null.", "values");
        if (!content.HasTopLevelMediaType("image"))
            throw new ArgumentException($"Input {index} ({content.Name ?? "unnamed"}) has media type '{content.MediaType}'; an image/* is expected.", "values");
        if (content.Data.IsEmpty) throw new ArgumentException($"Input {index} ({content.Name ?? "unnamed"}) holds no bytes.", "values");
        return ImageDecoder.Decode(content.Data.ToArray(), options.Decode, content.Name ?? $"input {index}");
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return metadata;
        if (serviceType == typeof(UniversalMetricModel)) return model;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Disposes the model when <see cref="PumaEmbeddingGeneratorOptions.OwnsModel"/> is set.</summary>
    public void Dispose()
    {
        if (options.OwnsModel) model.Dispose();
    }
}
