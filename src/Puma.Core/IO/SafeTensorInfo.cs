namespace Puma.IO;

/// <summary>
/// One tensor entry of a safetensors header: its name, element type, shape and byte range.
/// </summary>
/// <param name="Name">The tensor's key in the header.</param>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The dimensions (empty for a scalar).</param>
/// <param name="DataBegin">First byte of the tensor, relative to the start of the data section.</param>
/// <param name="DataEnd">One past the last byte, relative to the start of the data section.</param>
public sealed record SafeTensorInfo(string Name, SafeTensorsDType DType, IReadOnlyList<long> Shape, long DataBegin, long DataEnd)
{
    /// <summary>The number of bytes the tensor occupies (<see cref="DataEnd"/> − <see cref="DataBegin"/>).</summary>
    public long ByteCount => DataEnd - DataBegin;

    /// <summary>The number of elements (product of <see cref="Shape"/>; 1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, dim) => product * dim);
}
