using Puma.Data;

namespace Puma.Extensions;

/// <summary>Options of <see cref="PumaImageEmbeddingGenerator"/>.</summary>
public sealed class PumaEmbeddingGeneratorOptions
{
    /// <summary>The model id reported in the metadata and on every embedding (default <c>"puma"</c>).</summary>
    public string ModelId { get; set; } = "puma";

    /// <summary>Whether disposing the generator disposes the model (default false: the caller or the container owns it).</summary>
    public bool OwnsModel { get; set; }

    /// <summary>How image bytes are decoded (default <see cref="ImageDecodeOptions.Default"/>).</summary>
    public ImageDecodeOptions Decode { get; set; } = ImageDecodeOptions.Default;
}
