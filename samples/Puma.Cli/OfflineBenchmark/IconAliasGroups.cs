namespace Puma.Cli.OfflineBenchmark;

/// <summary>One icon class: alias names drawn with the same image, and the themes that draw it.</summary>
/// <param name="Representative">Class name: the member present in most themes (then the shortest, then ordinal first).</param>
/// <param name="Members">Every alias name of the group, ordinal order.</param>
/// <param name="ImageNameByTheme">For each theme that draws the group, the member whose image is used.</param>
internal sealed record IconGroup(string Representative, IReadOnlyList<string> Members, IReadOnlyDictionary<string, string> ImageNameByTheme);

/// <summary>
/// Groups icon names whose images are identical in any theme (e.g. <c>edit-delete</c> / <c>gtk-delete</c>)
/// with a union–find: two names drawn with the same image in one theme are the same concept, so they
/// become one class. An image shared by more than <see cref="MaxNamesPerImage"/> names in one theme is a
/// generic placeholder, not an alias: those (theme, name) entries are dropped instead of merged.
/// </summary>
internal static class IconAliasGroups
{
    /// <summary>More names than this on one image in one theme marks a placeholder image.</summary>
    public const int MaxNamesPerImage = 6;

    /// <summary>Builds the groups from (theme, name, image hash) triples (one per theme and name).</summary>
    public static IReadOnlyList<IconGroup> Build(IEnumerable<(string Theme, string Name, string ImageHash)> icons)
    {
        var entries = icons
            .GroupBy(i => (i.Theme, i.ImageHash))
            .Where(g => g.Count() <= MaxNamesPerImage)
            .SelectMany(g => g)
            .ToList();
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }
        foreach (var e in entries)
        {
            parent.TryAdd(e.Name, e.Name);
        }
        foreach (var same in entries.GroupBy(i => (i.Theme, i.ImageHash)))
        {
            string first = Find(same.First().Name);
            foreach (var other in same.Skip(1))
            {
                string root = Find(other.Name);
                if (root != first)
                {
                    parent[root] = first;
                }
            }
        }
        var themesOfName = entries.GroupBy(e => e.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Theme).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var groups = new List<IconGroup>();
        foreach (var members in themesOfName.Keys.GroupBy(Find, StringComparer.Ordinal))
        {
            var ranked = members
                .OrderByDescending(n => themesOfName[n].Count)
                .ThenBy(n => n.Length)
                .ThenBy(n => n, StringComparer.Ordinal)
                .ToList();
            var byTheme = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (string name in ranked)
            {
                foreach (string theme in themesOfName[name])
                {
                    byTheme.TryAdd(theme, name);
                }
            }
            groups.Add(new IconGroup(ranked[0], members.Order(StringComparer.Ordinal).ToList(), byTheme));
        }
        return groups.OrderBy(g => g.Representative, StringComparer.Ordinal).ToList();
    }
}
