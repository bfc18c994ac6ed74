using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Benchmarks.Infrastructure;

/// <summary>
/// The devices every suite runs on (<c>cpu</c> always, <c>cuda</c> when LibTorch sees a GPU) and the thread setting
/// shared by all suites: <c>PUMA_THREADS</c> (environment) fixes TorchSharp's intra-op threads, otherwise its default.
/// </summary>
public static class BenchmarkDevices
{
    /// <summary>Device names for <c>[ParamsSource]</c>.</summary>
    public static IEnumerable<string> Names => torch.cuda.is_available() ? ["cpu", "cuda"] : ["cpu"];

    /// <summary>Applies <c>PUMA_THREADS</c> (if set) and returns the device named <paramref name="name"/>.</summary>
    public static Device Prepare(string name)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("PUMA_THREADS"), out int threads) && threads > 0)
            torch.set_num_threads(threads);
        return torch.device(name);
    }

    /// <summary>Waits for queued GPU work so that timings cover it (no-op on the CPU).</summary>
    public static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize();
    }
}
