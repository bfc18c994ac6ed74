namespace Puma.Data.Mat;

/// <summary>A real numeric or logical array; every element is widened to <see cref="double"/> (exact for all
/// integer classes up to 2^53).</summary>
public sealed class MatNumericArray : MatArray
{
    internal MatNumericArray(string name, IReadOnlyList<int> dimensions, MatArrayClass arrayClass, bool isLogical, double[] values)
        : base(name, dimensions, arrayClass)
    {
        IsLogical = isLogical;
        Values = values;
    }

    /// <summary>True for MATLAB <c>logical</c> arrays (stored as uint8).</summary>
    public bool IsLogical { get; }

    /// <summary>The elements in column-major order.</summary>
    public IReadOnlyList<double> Values { get; }
}
