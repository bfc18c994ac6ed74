using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Backbones;

/// <summary>
/// Builds the stems' patch convolutions. TorchSharp 0.107's <c>Conv2d</c> initialisation leaves one temporary tensor
/// undisposed (alive until the garbage collector finds it); building the module in a dispose scope frees that tensor,
/// and the parameters are kept out of the scope.
/// </summary>
internal static class PatchProjection
{
    /// <summary>A <c>Conv2d</c> with square kernel <paramref name="kernelSize"/> and stride <paramref name="stride"/>.</summary>
    public static Conv2d Create(long inChannels, long outChannels, long kernelSize, long stride)
    {
        using var scope = torch.NewDisposeScope();
        var conv = nn.Conv2d(inChannels, outChannels, kernel_size: kernelSize, stride: stride);
        foreach (var parameter in conv.parameters()) parameter.DetachFromDisposeScope();
        return conv;
    }
}
