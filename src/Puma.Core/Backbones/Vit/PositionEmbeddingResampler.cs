using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Backbones.Vit;

/// <summary>
/// Resamples absolute position embeddings <c>[1, prefix + rows·columns, D]</c> to another patch grid, as timm's
/// <c>resample_abs_pos_embed</c> does: the prefix rows (CLS, and prompt rows when present) are copied bit-exact and
/// the grid rows are resized as a D-channel image with bicubic interpolation (antialiased by default, PyTorch's
/// <c>align_corners=False</c> convention), computed in float64. Reference case BR-18.
/// </summary>
/// <remarks>
/// The old grid is never guessed for a non-square count: pass it explicitly. Without it, the grid rows must be a
/// perfect square and are taken as a square grid (the case of every timm ViT checkpoint trained on square images).
/// </remarks>
public static class PositionEmbeddingResampler
{
    /// <summary>
    /// Returns the position embedding resized to <paramref name="newGrid"/> (caller-owned; a copy even when the grid
    /// does not change).
    /// </summary>
    /// <param name="posEmbed">The embedding <c>[1, prefixTokens + old rows·columns, D]</c>.</param>
    /// <param name="newGrid">The target patch grid (rows, columns).</param>
    /// <param name="oldGrid">The grid of <paramref name="posEmbed"/>; required when its grid count is not a perfect square.</param>
    /// <param name="prefixTokens">Leading rows that are not part of the grid (1 = CLS; 1 + L with L prompt rows).</param>
    /// <param name="antialias">Antialiased bicubic (timm's default) or PyTorch's plain bicubic (timm ≤ 0.6).</param>
    /// <exception cref="ArgumentException">A shape, the grid sizes or the prefix count do not fit.</exception>
    public static Tensor Resample(Tensor posEmbed, (int Rows, int Columns) newGrid, (int Rows, int Columns)? oldGrid = null,
        int prefixTokens = 1, bool antialias = true)
    {
        ArgumentNullException.ThrowIfNull(posEmbed);
        long gridRows = CheckLayout(posEmbed, prefixTokens);
        if (newGrid.Rows <= 0 || newGrid.Columns <= 0)
            throw new ArgumentException($"The new grid {newGrid.Rows}×{newGrid.Columns} must be positive.", nameof(newGrid));
        var old = oldGrid ?? SquareGrid(gridRows, prefixTokens);
        if (old.Rows <= 0 || old.Columns <= 0 || (long)old.Rows * old.Columns != gridRows)
            throw new ArgumentException(
                $"The old grid {old.Rows}×{old.Columns} does not match the {gridRows} grid rows of the position embedding " +
                $"({posEmbed.shape[1]} rows − {prefixTokens} prefix).", nameof(oldGrid));
        if (old == newGrid) return posEmbed.clone();

        long d = posEmbed.shape[2];
        using var scope = torch.NewDisposeScope();
        var prefix = posEmbed.narrow(1, 0, prefixTokens);
        var grid = posEmbed.narrow(1, prefixTokens, gridRows).to(ScalarType.Float64).reshape(old.Rows, old.Columns * d);
        var rowMap = ToTensor(BicubicMatrix.Compute(old.Rows, newGrid.Rows, antialias));
        var columnMap = ToTensor(BicubicMatrix.Compute(old.Columns, newGrid.Columns, antialias));
        var rowsDone = rowMap.matmul(grid).reshape(newGrid.Rows, old.Columns, d);
        var resized = columnMap.matmul(rowsDone).reshape(1, (long)newGrid.Rows * newGrid.Columns, d).to(posEmbed.dtype);
        return torch.cat([prefix, resized], dim: 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Inserts <paramref name="promptLength"/> prompt rows after the first <paramref name="prefixTokens"/> rows, each a
    /// copy of the CLS row (row 0), as the PUMA reference does for a checkpoint without prompt positions. Caller-owned.
    /// </summary>
    public static Tensor WithPromptRows(Tensor posEmbed, int promptLength, int prefixTokens = 1)
    {
        ArgumentNullException.ThrowIfNull(posEmbed);
        CheckLayout(posEmbed, prefixTokens);
        if (prefixTokens < 1) throw new ArgumentOutOfRangeException(nameof(prefixTokens), prefixTokens, "The CLS row is needed (prefixTokens ≥ 1).");
        ArgumentOutOfRangeException.ThrowIfNegative(promptLength);
        using var scope = torch.NewDisposeScope();
        var prompts = posEmbed.narrow(1, 0, 1).expand(1, promptLength, posEmbed.shape[2]);
        var rest = posEmbed.shape[1] - prefixTokens;
        return torch.cat([posEmbed.narrow(1, 0, prefixTokens), prompts, posEmbed.narrow(1, prefixTokens, rest)], dim: 1)
            .MoveToOuterDisposeScope();
    }

    private static long CheckLayout(Tensor posEmbed, int prefixTokens)
    {
        if (posEmbed.dim() != 3 || posEmbed.shape[0] != 1)
            throw new ArgumentException($"A position embedding must be [1, T, D]; got [{string.Join(",", posEmbed.shape)}].", nameof(posEmbed));
        if (prefixTokens < 0 || prefixTokens > posEmbed.shape[1])
            throw new ArgumentOutOfRangeException(nameof(prefixTokens), prefixTokens, $"The prefix must be within the {posEmbed.shape[1]} rows.");
        return posEmbed.shape[1] - prefixTokens;
    }

    private static (int Rows, int Columns) SquareGrid(long gridRows, int prefixTokens)
    {
        int side = (int)Math.Round(Math.Sqrt(gridRows));
        if ((long)side * side != gridRows || side == 0)
            throw new ArgumentException(
                $"The position embedding has {gridRows} grid rows after {prefixTokens} prefix row(s), which is not a square: " +
                "pass the old grid (rows, columns) explicitly; it is not guessed.", "oldGrid");
        return (side, side);
    }

    private static Tensor ToTensor(double[,] matrix) =>
        torch.tensor(matrix.Cast<double>().ToArray(), [matrix.GetLength(0), matrix.GetLength(1)], ScalarType.Float64);
}
