using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Puma.Models;

namespace Puma.Extensions;

/// <summary>Registers a Puma model and its <see cref="PumaImageEmbeddingGenerator"/> in a service collection.</summary>
public static class PumaServiceCollectionExtensions
{
    /// <summary>
    /// Adds <paramref name="modelFactory"/>'s model as a singleton <see cref="UniversalMetricModel"/> (the container
    /// disposes it) and a singleton <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of
    /// <see cref="DataContent"/> → <see cref="Embedding{T}"/> over it.
    /// </summary>
    public static IServiceCollection AddPumaEmbeddingGenerator(this IServiceCollection services,
        Func<IServiceProvider, UniversalMetricModel> modelFactory, Action<PumaEmbeddingGeneratorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(modelFactory);
        var options = new PumaEmbeddingGeneratorOptions();
        configure?.Invoke(options);
        if (options.OwnsModel) throw new ArgumentException("The container owns the model: leave OwnsModel false.", nameof(configure));
        services.AddSingleton(modelFactory);
        services.AddSingleton<IEmbeddingGenerator<DataContent, Embedding<float>>>(provider =>
            new PumaImageEmbeddingGenerator(provider.GetRequiredService<UniversalMetricModel>(), options));
        return services;
    }
}
