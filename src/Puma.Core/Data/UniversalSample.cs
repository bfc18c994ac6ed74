namespace Puma.Data;

/// <summary>One image of a <see cref="UniversalDataset"/>.</summary>
/// <param name="Path">Full path of the image file.</param>
/// <param name="Label">Global label: <paramref name="LocalLabel"/> + the class offset of the dataset.</param>
/// <param name="DatasetIndex">Index of the dataset in <see cref="UniversalDataset.Datasets"/>.</param>
/// <param name="LocalLabel">Label within its own dataset (0..C−1).</param>
/// <param name="ClassName">Class name within its own dataset.</param>
public sealed record UniversalSample(string Path, int Label, int DatasetIndex, int LocalLabel, string ClassName);
