using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Losses;

/// <summary>Small tensor builders for the loss tests.</summary>
internal static class LossTestTensors
{
    /// <summary>A float32 matrix from rows.</summary>
    public static Tensor Matrix(params double[][] rows) =>
        torch.tensor(rows.SelectMany(r => r).Select(v => (float)v).ToArray()).reshape(rows.Length, rows[0].Length);

    /// <summary>An int64 label vector.</summary>
    public static Tensor Labels(params long[] labels) => torch.tensor(labels);

    /// <summary>The unit vector at <paramref name="degrees"/> in the plane.</summary>
    public static double[] AtAngle(double degrees) =>
        new[] { Math.Cos(degrees * Math.PI / 180), Math.Sin(degrees * Math.PI / 180) };

    /// <summary>True when every element is finite.</summary>
    public static bool AllFinite(Tensor t) => torch.isfinite(t).all().item<bool>();
}
