using Puma.Backbones.Vit;

namespace Puma.Backbones;

/// <summary>How to obtain the frozen encoder of a model; validated at <c>Build()</c>.</summary>
public abstract class BackboneSpec
{
    /// <summary>A short human-readable description (printed in summaries and results).</summary>
    public abstract string Description { get; }

    /// <summary>Every problem with the specification (empty when valid).</summary>
    public abstract IEnumerable<string> Validate();

    /// <summary>Creates (and loads) the encoder. Called once by <c>Build()</c>.</summary>
    public abstract VisionTransformer Create();
}
