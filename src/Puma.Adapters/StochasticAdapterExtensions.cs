using Puma.Hooks;
using Puma.Models;

namespace Puma.Adapters;

/// <summary>Adds <see cref="StochasticAdapter"/> to the model builder.</summary>
public static class StochasticAdapterExtensions
{
    /// <summary>Adds stochastic adapters to every block (reference defaults unless <paramref name="configure"/> changes them).</summary>
    public static UniversalMetricModelBuilder WithStochasticAdapters(this UniversalMetricModelBuilder builder,
        Action<StochasticAdapterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new StochasticAdapterOptions();
        configure?.Invoke(options);
        return builder.UseBlockAdapter(new Spec(options), options.ToString());
    }

    private sealed class Spec(StochasticAdapterOptions options) : IBlockAdapterSpec
    {
        public IEnumerable<string> Validate(BackboneShape backbone) => options.Validate(backbone.EmbedDim);

        public BlockAdapter Create(BackboneShape backbone) => new StochasticAdapter(backbone.EmbedDim, backbone.Depth, options);
    }
}
