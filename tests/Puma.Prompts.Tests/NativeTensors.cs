using System.Reflection;
using NUnit.Framework;
using TorchSharp;

namespace Puma.Prompts.Tests;

/// <summary>
/// TorchSharp's process-wide counts of live native tensors (<c>torch.Tensor.TotalCount</c>) and of their high-water
/// mark (<c>PeakCount</c>, which TorchSharp never lowers: <see cref="ResetPeak"/> sets it to the live count through
/// its private field so that a test can measure its own peak).
/// </summary>
internal static class NativeTensors
{
    private static readonly FieldInfo? PeakField =
        typeof(torch.Tensor).GetField("_peakCount", BindingFlags.NonPublic | BindingFlags.Static);

    public static long Live => torch.Tensor.TotalCount;

    public static long Peak => torch.Tensor.PeakCount;

    /// <summary>Finalises garbage left by earlier tests, so their tensors cannot vanish from the count mid-test.</summary>
    public static void Settle()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    public static void ResetPeak()
    {
        Assert.That(PeakField, Is.Not.Null, "TorchSharp's Tensor._peakCount field was not found (TorchSharp version changed?)");
        PeakField!.SetValue(null, torch.Tensor.TotalCount);
        Assert.That(torch.Tensor.PeakCount, Is.EqualTo(torch.Tensor.TotalCount));
    }
}
