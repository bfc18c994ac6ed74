using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Tensors;

/// <summary>Finds NaN and ±∞ in tensors, so that loaders and models can refuse them by name before they spread.</summary>
internal static class NonFiniteValues
{
    /// <summary>
    /// Null when every value of <paramref name="values"/> is finite (or the tensor is not floating point); otherwise a short
    /// description: how many values are not finite, and the first one with its index (<c>3 non-finite values, first NaN at [0, 2]</c>).
    /// </summary>
    public static string? Describe(Tensor values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.is_floating_point() || values.numel() == 0) return null;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var bad = values.detach().isfinite().logical_not().flatten();
        long count = bad.sum().item<long>();
        if (count == 0) return null;
        long first = bad.to(ScalarType.Int8).argmax().item<long>();
        double value = values.detach().flatten()[first].to(ScalarType.Float64).item<double>();
        string plural = count == 1 ? "" : "s";
        return $"{count} non-finite value{plural}, first {value.ToString(CultureInfo.InvariantCulture)} at [{Unravel(first, values.shape)}]";
    }

    /// <summary>
    /// The index along dimension 0 of the first sample of <paramref name="batch"/> holding a NaN or ±∞, or null when all are
    /// finite. Rows are scanned in chunks of <paramref name="rowsPerChunk"/> so the mask never exceeds a chunk.
    /// </summary>
    public static long? FirstBadRow(Tensor batch, long rowsPerChunk = 1024)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!batch.is_floating_point() || batch.dim() == 0 || batch.numel() == 0) return null;
        long rows = batch.shape[0];
        using var noGrad = torch.no_grad();
        for (long start = 0; start < rows; start += rowsPerChunk)
        {
            using var scope = torch.NewDisposeScope();
            long count = Math.Min(rowsPerChunk, rows - start);
            var chunk = batch.detach().narrow(0, start, count);
            var badRows = chunk.isfinite().logical_not().reshape(count, -1).any(1);
            if (badRows.any().item<bool>()) return start + badRows.to(ScalarType.Int8).argmax().item<long>();
        }
        return null;
    }

    private static string Unravel(long flat, long[] shape)
    {
        if (shape.Length == 0) return "";
        var index = new long[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return string.Join(", ", index);
    }
}
