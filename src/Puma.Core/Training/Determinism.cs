using TorchSharp;

namespace Puma.Training;

/// <summary>
/// Makes LibTorch's CPU kernels bit-reproducible for a stretch of work by running them on one intra-op thread, so that
/// parallel reductions and matrix products always split and sum their work in the same order, whatever the machine's
/// core count. <see cref="IDisposable.Dispose"/> restores the previous thread count. <see cref="TrainingOptions.Deterministic"/>
/// applies it to a training run; wrap <c>Embed</c> or <c>Evaluate</c> calls in it to get the same bits on any machine.
/// See docs/determinism.md.
/// </summary>
/// <remarks>
/// The intra-op thread count is a per-thread setting of LibTorch's OpenMP pool: enter and dispose the scope on the thread
/// that does the work (the trainer does). TorchSharp 0.107 does not implement <c>torch.use_deterministic_algorithms</c>,
/// so operations whose kernels are nondeterministic by design are not blocked; Puma's CPU path uses none
/// (docs/determinism.md lists what was checked).
/// </remarks>
public static class Determinism
{
    /// <summary>Switches the calling thread to one intra-op thread until the returned object is disposed.</summary>
    public static IDisposable Enforce() => new Scope();

    private sealed class Scope : IDisposable
    {
        private readonly int threads;
        private bool disposed;

        public Scope()
        {
            threads = torch.get_num_threads();
            torch.set_num_threads(1);
        }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            torch.set_num_threads(threads);
        }
    }
}
