namespace Puma.Data;

/// <summary>
/// Which classes of one dataset go to a validation split carved from its training classes: ⌈fraction × C⌉ classes
/// (at least one, and at least one left for training), chosen by <see cref="ClassSplit"/> with the given seed, so the
/// choice depends only on the class names, the fraction and the seed.
/// </summary>
public static class ClassHoldout
{
    /// <summary>The held-out class names of <paramref name="classes"/>, sorted ordinally.</summary>
    /// <param name="dataset">Dataset name, for messages.</param>
    /// <param name="classes">Distinct class names of the dataset.</param>
    /// <param name="fraction">Share of the classes to hold out, in (0, 1).</param>
    /// <param name="seed">Shuffle seed.</param>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1).</exception>
    /// <exception cref="ArgumentException">The dataset has fewer than two classes, so that nothing would be left to train on.</exception>
    public static IReadOnlyList<string> Choose(string dataset, IReadOnlyList<string> classes, double fraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(classes);
        RequireFraction(fraction);
        if (classes.Count < 2)
            throw new ArgumentException(
                $"Dataset '{dataset}' has {classes.Count} class(es); holding out validation classes needs at least 2.", nameof(classes));
        int count = Math.Clamp((int)Math.Ceiling(fraction * classes.Count - 1e-9), 1, classes.Count - 1);
        return ClassSplit.Assign(classes, [count], seed)[0];
    }

    /// <summary>Throws unless <paramref name="fraction"/> is in (0, 1).</summary>
    public static void RequireFraction(double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The validation fraction must be in (0, 1).");
    }
}
