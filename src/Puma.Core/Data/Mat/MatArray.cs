namespace Puma.Data.Mat;

/// <summary>
/// One MATLAB array read from a MAT-file: its name (empty inside cells and structs), its dimensions and its class.
/// Elements are stored in MATLAB's column-major order; <see cref="Count"/> is the product of the dimensions.
/// </summary>
public abstract class MatArray
{
    private protected MatArray(string name, IReadOnlyList<int> dimensions, MatArrayClass arrayClass)
    {
        Name = name;
        Dimensions = dimensions;
        ArrayClass = arrayClass;
        long count = 1;
        foreach (int d in dimensions)
        {
            count *= d;
        }
        Count = checked((int)count);
    }

    /// <summary>The variable name (empty for the elements of cells and the fields of structs).</summary>
    public string Name { get; }

    /// <summary>The dimensions (at least two, as MATLAB writes them).</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>The MATLAB class.</summary>
    public MatArrayClass ArrayClass { get; }

    /// <summary>Number of elements (product of <see cref="Dimensions"/>).</summary>
    public int Count { get; }

    /// <summary>Dimensions written as MATLAB does, e.g. <c>1x16185</c>.</summary>
    public string Shape => string.Join("x", Dimensions);
}
