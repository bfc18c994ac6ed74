namespace Puma.Data;

/// <summary>What happens to the alpha channel when an image is turned into RGB (see reference case BR-29).</summary>
public enum AlphaHandling
{
    /// <summary>
    /// Composite onto white with straight (unpremultiplied) alpha: out = a·fg + (1 − a)·bg, a = A/255, rounded.
    /// The default: the usual choice for product, logo, icon and glyph retrieval.
    /// </summary>
    CompositeOnWhite,

    /// <summary>Composite onto black with straight alpha (same formula as <see cref="CompositeOnWhite"/>).</summary>
    CompositeOnBlack,

    /// <summary>
    /// Ignore alpha and keep the stored colour, even under fully transparent pixels (Pillow's RGBA→RGB parity).
    /// </summary>
    DropAlpha,
}
