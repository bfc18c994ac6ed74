using Puma.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Training.Checkpointing;

/// <summary>Bit patterns (int32 views of the float32 values) of of a run's trainable state: module parameters, loss proxies and loss buffers.</summary>
internal static class TrainingStateSnapshot
{
    public static Dictionary<string, int[]> Of(nn.Module module, MetricLoss loss)
    {
        using var scope = torch.NewDisposeScope();
        var values = module.named_parameters().Where(p => p.parameter.requires_grad && !p.name.StartsWith("loss.", StringComparison.Ordinal))
            .ToDictionary(p => p.name, p => p.parameter.detach().cpu().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).ToArray());
        values["loss.proxies"] = loss.Proxies.detach().cpu().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
        foreach (var (name, buffer) in loss.named_buffers()) values["loss." + name] = buffer.detach().cpu().to_type(ScalarType.Float32).data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
        return values;
    }
}
