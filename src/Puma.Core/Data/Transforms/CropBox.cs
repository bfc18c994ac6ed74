namespace Puma.Data.Transforms;

/// <summary>A rectangle inside an image, in pixels.</summary>
/// <param name="Left">First column.</param>
/// <param name="Top">First row.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct CropBox(int Left, int Top, int Width, int Height);
