using System.Buffers.Binary;

namespace Puma.Onnx;

/// <summary>
/// A constant tensor (<c>TensorProto</c>), usually a weight. The values stay as stored (<c>float_data</c> or
/// little-endian <c>raw_data</c>); <see cref="ToFloatArray"/> decodes and checks them.
/// </summary>
/// <param name="Name">Tensor name, referenced by node inputs.</param>
/// <param name="DataType">Element type.</param>
/// <param name="Dims">Dimensions (empty for a scalar).</param>
/// <param name="FloatData">Values from the <c>float_data</c> field (packed or not), or empty.</param>
/// <param name="RawData">Bytes of the <c>raw_data</c> field, or empty.</param>
public sealed record OnnxTensor(
    string Name,
    OnnxDataType DataType,
    IReadOnlyList<long> Dims,
    ReadOnlyMemory<float> FloatData,
    ReadOnlyMemory<byte> RawData)
{
    /// <summary>The number of elements, the product of <see cref="Dims"/>.</summary>
    /// <exception cref="InvalidDataException">A dimension is negative or the product overflows.</exception>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (long dim in Dims)
            {
                if (dim < 0)
                {
                    throw new InvalidDataException($"ONNX tensor '{Name}' has a negative dimension {dim}.");
                }

                try
                {
                    count = checked(count * dim);
                }
                catch (OverflowException)
                {
                    throw new InvalidDataException($"ONNX tensor '{Name}' has too many elements ([{string.Join(",", Dims)}]).");
                }
            }

            return count;
        }
    }

    /// <summary>Decodes the values of a float tensor, in row-major order of <see cref="Dims"/>.</summary>
    /// <returns>A new array of <see cref="ElementCount"/> floats.</returns>
    /// <exception cref="InvalidDataException">
    /// The tensor is not float, or its stored data does not hold exactly <see cref="ElementCount"/> values.
    /// </exception>
    public float[] ToFloatArray()
    {
        if (DataType != OnnxDataType.Float)
        {
            throw new InvalidDataException($"ONNX tensor '{Name}' has data type {DataType}, expected Float.");
        }

        long count = ElementCount;
        if (!RawData.IsEmpty)
        {
            if (RawData.Length != count * sizeof(float))
            {
                throw new InvalidDataException(
                    $"ONNX tensor '{Name}' has {RawData.Length} raw bytes, expected {count * sizeof(float)} for [{string.Join(",", Dims)}].");
            }

            var values = new float[count];
            ReadOnlySpan<byte> raw = RawData.Span;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * sizeof(float), sizeof(float)));
            }

            return values;
        }

        if (FloatData.Length != count)
        {
            throw new InvalidDataException(
                $"ONNX tensor '{Name}' has {FloatData.Length} float_data values, expected {count} for [{string.Join(",", Dims)}].");
        }

        return FloatData.ToArray();
    }
}
