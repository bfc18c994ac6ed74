using Puma.Data;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// One image of a class, not yet rendered: its style (font, theme, vendor or deck) and how to render it as
/// a 112×112 RGB image on white. Rendering returns null when the source turns out unusable (e.g. an empty glyph).
/// </summary>
internal sealed record ImageRecipe(string Style, Func<CancellationToken, Task<RgbImage?>> RenderAsync);
