namespace Puma.Hooks;

/// <summary>Where in a transformer block a parallel adapter branch sits.</summary>
public enum AdapterSite
{
    /// <summary>Beside the multi-head self-attention sub-block; its input is <c>norm1(x)</c>.</summary>
    Attention = 0,

    /// <summary>Beside the MLP sub-block; its input is <c>norm2(x)</c>.</summary>
    Mlp = 1,
}
