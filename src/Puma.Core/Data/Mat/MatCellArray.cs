namespace Puma.Data.Mat;

/// <summary>A cell array: any MATLAB array in each cell, in column-major order.</summary>
public sealed class MatCellArray : MatArray
{
    internal MatCellArray(string name, IReadOnlyList<int> dimensions, MatArray[] cells)
        : base(name, dimensions, MatArrayClass.Cell)
    {
        Cells = cells;
    }

    /// <summary>The cells in column-major order.</summary>
    public IReadOnlyList<MatArray> Cells { get; }
}
