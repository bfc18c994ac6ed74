namespace Puma.Data.Mat;

/// <summary>A character array; a MATLAB string <c>'abc'</c> is a 1×N char array.</summary>
public sealed class MatCharArray : MatArray
{
    private readonly string _columnMajor;

    internal MatCharArray(string name, IReadOnlyList<int> dimensions, string columnMajor)
        : base(name, dimensions, MatArrayClass.Char)
    {
        _columnMajor = columnMajor;
    }

    /// <summary>
    /// The rows of a 2-D char matrix, each as a string (MATLAB pads rows with spaces; they are kept).
    /// A string that does not fill the matrix exactly (UTF-8 text outside the BMP) is returned as one row.
    /// </summary>
    public IReadOnlyList<string> Rows
    {
        get
        {
            if (Count == 0)
            {
                return [];
            }
            int rows = Dimensions[0];
            if (Dimensions.Count != 2 || _columnMajor.Length != Count || rows == 1)
            {
                return [_columnMajor];
            }
            int columns = Dimensions[1];
            var result = new string[rows];
            var chars = new char[columns];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    chars[c] = _columnMajor[c * rows + r];
                }
                result[r] = new string(chars);
            }
            return result;
        }
    }

    /// <summary>The text of a single-row (or empty) char array.</summary>
    /// <exception cref="InvalidDataException">The array has more than one row.</exception>
    public string Text
    {
        get
        {
            var rows = Rows;
            return rows.Count switch
            {
                0 => "",
                1 => rows[0],
                _ => throw new InvalidDataException($"The char array '{Name}' has {rows.Count} rows ({Shape}), not one string."),
            };
        }
    }
}
