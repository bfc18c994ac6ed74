using Puma.Data.Mat;

namespace Puma.Data.Benchmarks;

/// <summary>Typed access to the values the benchmark .mat files hold; every mismatch names the file and variable.</summary>
internal static class MatFields
{
    /// <summary>The struct array <paramref name="variable"/> of <paramref name="file"/>, which must have <paramref name="fields"/>.</summary>
    public static MatStructArray Struct(MatFile file, string variable, params string[] fields)
    {
        var array = file.Get<MatStructArray>(variable);
        foreach (string field in fields)
        {
            if (!array.HasField(field))
            {
                throw new InvalidDataException(
                    $"The struct '{variable}' of '{file.Source}' has no field '{field}' (fields: {string.Join(", ", array.FieldNames)}).");
            }
        }
        return array;
    }

    /// <summary>Field <paramref name="field"/> of element <paramref name="element"/> as a string.</summary>
    public static string Text(MatFile file, MatStructArray array, int element, string field) =>
        array.Field(element, field) is MatCharArray chars
            ? chars.Text
            : throw new InvalidDataException($"'{file.Source}': {array.Name}({element + 1}).{field} is not a string.");

    /// <summary>Field <paramref name="field"/> of element <paramref name="element"/> as an integer scalar.</summary>
    public static int Integer(MatFile file, MatStructArray array, int element, string field) =>
        array.Field(element, field) is MatNumericArray { Count: 1 } number
            ? ToInteger(number.Values[0], $"'{file.Source}': {array.Name}({element + 1}).{field}")
            : throw new InvalidDataException($"'{file.Source}': {array.Name}({element + 1}).{field} is not a numeric scalar.");

    /// <summary>The numeric variable <paramref name="variable"/> as integers (any shape, column-major).</summary>
    public static int[] Integers(MatFile file, string variable)
    {
        var values = file.Numbers(variable);
        var result = new int[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ToInteger(values[i], $"'{file.Source}': {variable}({i + 1})");
        }
        return result;
    }

    private static int ToInteger(double value, string what) =>
        value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new InvalidDataException($"{what} = {value} is not an integer.");
}
