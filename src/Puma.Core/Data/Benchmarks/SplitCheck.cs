namespace Puma.Data.Benchmarks;

/// <summary>The counts of one split against the expected ones.</summary>
/// <param name="Split">The split name.</param>
/// <param name="Classes">Classes found (null when the split is absent).</param>
/// <param name="Images">Images found (null when the split is absent).</param>
/// <param name="Expected">The expectation.</param>
public sealed record SplitCheck(string Split, int? Classes, int? Images, SplitExpectation Expected)
{
    /// <summary>Whether both counts are as expected.</summary>
    public bool Matches => Classes is int c && Images is int i && Expected.Classes.Matches(c) && Expected.Images.Matches(i);
}
