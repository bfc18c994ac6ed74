namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// An unsigned-byte array read from an IDX file (the MNIST / Fashion-MNIST format): its dimensions, outermost
/// first (e.g. [count, rows, columns] for images, [count] for labels), and its values in row-major order.
/// </summary>
/// <param name="Dimensions">Size of each dimension, outermost first; every size ≥ 1.</param>
/// <param name="Values">Exactly the product of <paramref name="Dimensions"/> values.</param>
internal sealed record IdxArray(IReadOnlyList<int> Dimensions, byte[] Values)
{
    /// <summary>Number of items along the first dimension.</summary>
    public int Count => Dimensions[0];

    /// <summary>Values per item (the product of every dimension but the first).</summary>
    public int ItemLength => Values.Length / Count;

    /// <summary>The values of item <paramref name="index"/> (a copy).</summary>
    public byte[] Item(int index) => Values.AsSpan(index * ItemLength, ItemLength).ToArray();
}
