using Puma.Data;
using Svg;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// Renders single elements (by id) of one large SVG file, such as the cards of a KDE deck. The file is parsed
/// once, on first use. For each element every sibling along its path to the root is detached (definitions
/// stay), the rest is rendered, and the tree is restored; an element that lives inside <c>&lt;defs&gt;</c> is
/// drawn through a temporary <c>&lt;use&gt;</c>. Calls on one instance are serialised (the tree is shared).
/// </summary>
internal sealed class SvgElementRenderer(string path)
{
    private readonly Lazy<SvgDocument> document = new(() => SvgRaster.Open(path), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lock gate = new();

    /// <summary>Renders the element <paramref name="id"/> alone as a fitted square image; null when it is missing or empty.</summary>
    public RgbImage? Render(string id)
    {
        lock (gate)
        {
            SvgDocument doc = document.Value;
            if (doc.GetElementById(id) is not { } element)
            {
                return null;
            }
            var detached = new List<(SvgElement Parent, int Index, SvgElement Child)>();
            SvgUse? use = null;
            try
            {
                if (element.Parents.Any(p => p is SvgDefinitionList))
                {
                    Detach(doc, keep: null, detached);
                    use = new SvgUse { ReferencedElement = new Uri("#" + id, UriKind.Relative) };
                    doc.Children.Add(use);
                }
                else
                {
                    for (SvgElement node = element; node.Parent is { } parent; node = parent)
                    {
                        Detach(parent, node, detached);
                    }
                }
                return SvgRaster.Render(doc);
            }
            finally
            {
                if (use is not null)
                {
                    doc.Children.Remove(use);
                }
                for (int i = detached.Count - 1; i >= 0; i--)
                {
                    detached[i].Parent.Children.Insert(detached[i].Index, detached[i].Child);
                }
            }
        }
    }

    private static void Detach(SvgElement parent, SvgElement? keep, List<(SvgElement, int, SvgElement)> detached)
    {
        for (int i = parent.Children.Count - 1; i >= 0; i--)
        {
            SvgElement child = parent.Children[i];
            if (child != keep && child is not SvgDefinitionList)
            {
                detached.Add((parent, i, child));
                parent.Children.RemoveAt(i);
            }
        }
    }
}
