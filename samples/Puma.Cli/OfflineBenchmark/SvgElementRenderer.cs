using Puma.Data;
using Svg;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// Renders single elements (by id) of one large SVG file, such as the cards of a KDE deck. The file is parsed
/// once, on first use. For each element: the drawings it reaches through <c>&lt;use&gt;</c> (suit symbols, card
/// outlines) are moved into a temporary <c>&lt;defs&gt;</c>; every drawable sibling along its path to the root is
/// detached; the rest is rendered and the tree is restored. An element that lives inside <c>&lt;defs&gt;</c> is
/// moved to the root for the time of the rendering. Calls on one instance are serialised (the tree is shared).
/// </summary>
internal sealed class SvgElementRenderer(string path)
{
    private readonly Lazy<SvgDocument> document = new(() => SvgRaster.Open(path), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lock gate = new();

    /// <summary>Page sizes added on each side of the canvas while rendering one element.</summary>
    private const int CanvasMargin = 4;

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
            var undo = new Stack<Action>();
            try
            {
                var templates = new SvgDefinitionList();
                doc.Children.Add(templates);
                undo.Push(() => doc.Children.Remove(templates));
                foreach (SvgElement used in UsedElements(doc, element).Where(u => !InDefinitions(u)))
                {
                    Move(used, templates, undo);
                }
                if (InDefinitions(element))
                {
                    Detach(doc, keep: null, undo);
                    Move(element, doc, undo);
                }
                else
                {
                    for (SvgElement node = element; node.Parent is { } parent; node = parent)
                    {
                        Detach(parent, node, undo);
                    }
                }
                WidenCanvas(doc, undo);
                return SvgRaster.Render(doc);
            }
            finally
            {
                while (undo.Count > 0)
                {
                    undo.Pop()();
                }
            }
        }
    }

    /// <summary>
    /// Some decks lay cards out beyond their page (the page only frames a few of them): the canvas is widened to
    /// <see cref="CanvasMargin"/> page sizes on every side so that no card is clipped.
    /// </summary>
    private static void WidenCanvas(SvgDocument doc, Stack<Action> undo)
    {
        SvgViewBox box = doc.ViewBox;
        SvgUnit width = doc.Width, height = doc.Height;
        float w = box.Width > 0 ? box.Width : width.Value, h = box.Height > 0 ? box.Height : height.Value;
        if (w <= 0 || h <= 0)
        {
            return;
        }
        float left = box.Width > 0 ? box.MinX : 0, top = box.Height > 0 ? box.MinY : 0;
        float side = 2 * CanvasMargin + 1;
        doc.ViewBox = new SvgViewBox(left - CanvasMargin * w, top - CanvasMargin * h, side * w, side * h);
        doc.Width = new SvgUnit(SvgUnitType.User, side * w);
        doc.Height = new SvgUnit(SvgUnitType.User, side * h);
        undo.Push(() =>
        {
            doc.ViewBox = box;
            doc.Width = width;
            doc.Height = height;
        });
    }

    /// <summary>Elements reached from <paramref name="element"/> through <c>&lt;use&gt;</c>, transitively, outside its own subtree.</summary>
    private static List<SvgElement> UsedElements(SvgDocument doc, SvgElement element)
    {
        var found = new List<SvgElement>();
        var seen = new HashSet<SvgElement>();
        var inside = Subtree(element).ToHashSet();
        var pending = new Stack<SvgElement>([element]);
        while (pending.Count > 0)
        {
            foreach (SvgUse use in Subtree(pending.Pop()).OfType<SvgUse>())
            {
                string? reference = use.ReferencedElement?.OriginalString;
                if (reference is { Length: > 1 } && reference[0] == '#' && doc.GetElementById(reference[1..]) is { } target
                    && !inside.Contains(target) && seen.Add(target))
                {
                    found.Add(target);
                    pending.Push(target);
                }
            }
        }
        // Outermost first, so a template nested in another moves with it.
        return found.Where(f => !f.Parents.Any(p => seen.Contains(p))).ToList();
    }

    private static IEnumerable<SvgElement> Subtree(SvgElement root) => new[] { root }.Concat(root.Descendants());

    private static bool InDefinitions(SvgElement element) => element.Parents.Any(p => p is SvgDefinitionList);

    private static void Move(SvgElement element, SvgElement into, Stack<Action> undo)
    {
        SvgElement parent = element.Parent;
        int index = parent.Children.IndexOf(element);
        parent.Children.RemoveAt(index);
        into.Children.Add(element);
        undo.Push(() =>
        {
            into.Children.Remove(element);
            parent.Children.Insert(index, element);
        });
    }

    /// <summary>Detaches every drawable child of <paramref name="parent"/> but <paramref name="keep"/> (definitions and paint servers stay).</summary>
    private static void Detach(SvgElement parent, SvgElement? keep, Stack<Action> undo)
    {
        for (int i = parent.Children.Count - 1; i >= 0; i--)
        {
            SvgElement child = parent.Children[i];
            if (child != keep && child is SvgVisualElement)
            {
                parent.Children.RemoveAt(i);
                int index = i;
                undo.Push(() => parent.Children.Insert(index, child));
            }
        }
    }
}
