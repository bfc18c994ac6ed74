using System.Globalization;

namespace Puma.Data.Benchmarks;

/// <summary>An expected count: exact, or a range where only a rounded figure is published.</summary>
/// <param name="Min">Smallest accepted value.</param>
/// <param name="Max">Largest accepted value.</param>
public readonly record struct ExpectedCount(int Min, int Max)
{
    /// <summary>Exactly <paramref name="value"/>.</summary>
    public static ExpectedCount Exactly(int value) => new(value, value);

    /// <summary>Whether <paramref name="value"/> is accepted.</summary>
    public bool Matches(int value) => value >= Min && value <= Max;

    /// <summary><c>5864</c> or <c>10550–10649</c>.</summary>
    public override string ToString() => Min == Max
        ? Min.ToString("N0", CultureInfo.InvariantCulture)
        : $"{Min.ToString("N0", CultureInfo.InvariantCulture)}–{Max.ToString("N0", CultureInfo.InvariantCulture)}";
}
