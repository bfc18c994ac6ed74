using static TorchSharp.torch;

namespace Puma.Hooks;

/// <summary>
/// Collects named intermediate activations during one forward pass (like PyTorch forward hooks), for debugging and
/// parity checks against reference implementations. Recorded tensors are detached copies owned by the recorder.
/// </summary>
public sealed class ActivationRecorder : IDisposable
{
    private readonly Dictionary<string, Tensor> activations = new(StringComparer.Ordinal);

    /// <summary>Names recorded so far, in recording order is not guaranteed.</summary>
    public IReadOnlyCollection<string> Names => activations.Keys;

    /// <summary>The activation recorded under <paramref name="name"/>.</summary>
    public Tensor this[string name] => activations.TryGetValue(name, out var t)
        ? t
        : throw new KeyNotFoundException($"No activation named '{name}' was recorded; recorded: {string.Join(", ", activations.Keys)}.");

    /// <summary>Stores a detached copy of <paramref name="value"/> under <paramref name="name"/>.</summary>
    public void Record(string name, Tensor value)
    {
        var copy = value.detach().clone().DetachFromDisposeScope();
        if (activations.Remove(name, out var old)) old.Dispose();
        activations[name] = copy;
    }

    /// <summary>Disposes every recorded tensor.</summary>
    public void Dispose()
    {
        foreach (var t in activations.Values) t.Dispose();
        activations.Clear();
    }
}
