namespace Puma.Data.Mat;

/// <summary>A structure array: for each element (column-major) one value per field.</summary>
public sealed class MatStructArray : MatArray
{
    private readonly MatArray[] _values;
    private readonly Dictionary<string, int> _fieldIndex;

    internal MatStructArray(string name, IReadOnlyList<int> dimensions, IReadOnlyList<string> fieldNames, MatArray[] values)
        : base(name, dimensions, MatArrayClass.Struct)
    {
        FieldNames = fieldNames;
        _values = values;
        _fieldIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < fieldNames.Count; i++)
        {
            _fieldIndex.TryAdd(fieldNames[i], i);
        }
    }

    /// <summary>The field names, in file order.</summary>
    public IReadOnlyList<string> FieldNames { get; }

    /// <summary>Whether the struct has a field called <paramref name="field"/>.</summary>
    public bool HasField(string field) => _fieldIndex.ContainsKey(field);

    /// <summary>The value of <paramref name="field"/> in element <paramref name="element"/> (column-major index).</summary>
    /// <exception cref="KeyNotFoundException">No such field (the message lists the fields).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The element index is outside 0..Count−1.</exception>
    public MatArray Field(int element, string field)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(element);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(element, Count);
        if (!_fieldIndex.TryGetValue(field, out int f))
        {
            throw new KeyNotFoundException($"The struct '{Name}' has no field '{field}' (fields: {string.Join(", ", FieldNames)}).");
        }
        return _values[element * FieldNames.Count + f];
    }
}
