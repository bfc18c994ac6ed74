namespace Puma.Data;

/// <summary>One image of an <see cref="ImageFolder"/>: its file and its label within that folder (0..C−1).</summary>
/// <param name="Path">Full path of the image file.</param>
/// <param name="Label">Index of the class in <see cref="ImageFolder.Classes"/>.</param>
public sealed record ImageFolderSample(string Path, int Label);
