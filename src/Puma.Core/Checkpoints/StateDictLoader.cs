using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Checkpoints;

/// <summary>
/// Copies named tensors into a module's parameters strictly: every expected key must be present with the same shape,
/// and no unknown key may remain; otherwise an <see cref="InvalidDataException"/> lists every culprit by name
/// (with both shapes for mismatches). Values are converted to each parameter's dtype and device.
/// </summary>
public static class StateDictLoader
{
    /// <summary>Loads <paramref name="values"/> into the parameters of <paramref name="module"/> selected by <paramref name="select"/>.</summary>
    /// <param name="module">The target module.</param>
    /// <param name="values">Tensors by state-dict name.</param>
    /// <param name="source">Where the values come from (used in messages).</param>
    /// <param name="select">Which of the module's parameters are expected (all when null).</param>
    public static void LoadStrict(nn.Module module, IReadOnlyDictionary<string, Tensor> values, string source,
        Func<string, bool>? select = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var targets = module.named_parameters().Where(p => select?.Invoke(p.name) ?? true)
            .ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
        LoadStrict(targets, values, source);
    }

    /// <summary>
    /// Copies <paramref name="values"/> into the named <paramref name="targets"/> (parameters or buffers) strictly:
    /// the two key sets must be equal and every shape must match.
    /// </summary>
    /// <param name="targets">The tensors to overwrite, by name.</param>
    /// <param name="values">Tensors by name.</param>
    /// <param name="source">Where the values come from (used in messages).</param>
    public static void LoadStrict(IReadOnlyDictionary<string, Tensor> targets, IReadOnlyDictionary<string, Tensor> values, string source)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(values);
        var problems = new List<string>();
        foreach (var name in targets.Keys.Where(k => !values.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal))
            problems.Add($"missing key '{name}' (expected shape {Shape(targets[name])})");
        foreach (var name in values.Keys.Where(k => !targets.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal))
            problems.Add($"unexpected key '{name}' (shape {Shape(values[name])})");
        foreach (var (name, target) in targets)
        {
            if (values.TryGetValue(name, out var value) && !target.shape.SequenceEqual(value.shape))
                problems.Add($"shape mismatch for '{name}': checkpoint {Shape(value)}, model {Shape(target)}");
            else if (value is not null && !value.dtype.IsFloatingPoint())
                problems.Add($"'{name}' has non-floating dtype {value.dtype}");
        }
        if (problems.Count > 0)
            throw new InvalidDataException($"Cannot load {source}:" + Environment.NewLine +
                                           string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));
        using var noGrad = torch.no_grad();
        foreach (var (name, target) in targets)
        {
            using var converted = values[name].to(target.dtype, target.device);
            target.copy_(converted);
        }
    }

    private static string Shape(Tensor t) => "[" + string.Join(",", t.shape) + "]";
}
