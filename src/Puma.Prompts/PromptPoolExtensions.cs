using Puma.Hooks;
using Puma.Models;

namespace Puma.Prompts;

/// <summary>Adds <see cref="PromptPool"/> to the model builder.</summary>
public static class PromptPoolExtensions
{
    /// <summary>Adds a conditional prompt pool (reference defaults unless <paramref name="configure"/> changes them).</summary>
    public static UniversalMetricModelBuilder WithPromptPool(this UniversalMetricModelBuilder builder,
        Action<PromptPoolOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PromptPoolOptions();
        configure?.Invoke(options);
        return builder.UsePromptProvider(new Spec(options), options.ToString());
    }

    private sealed class Spec(PromptPoolOptions options) : IPromptProviderSpec
    {
        public IEnumerable<string> Validate(BackboneShape backbone) => options.Validate();

        public PromptProvider Create(BackboneShape backbone) => new PromptPool(backbone.EmbedDim, options);
    }
}
