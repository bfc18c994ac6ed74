namespace Puma.Hooks;

/// <summary>What an extension module needs to know about the encoder it plugs into.</summary>
/// <param name="EmbedDim">Token width D.</param>
/// <param name="Depth">Number of transformer blocks.</param>
/// <param name="NumPatches">Patch tokens per image.</param>
public sealed record BackboneShape(int EmbedDim, int Depth, int NumPatches);
