using Puma.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Checkpoints;

/// <summary>
/// Copies named tensors into a module's parameters strictly: every expected key must be present with the same shape,
/// and no unknown key may remain, and every value must be finite (no NaN or ±∞); otherwise an <see cref="InvalidDataException"/>
/// lists every culprit by name (with both shapes for mismatches, the count and first index of non-finite values).
/// Nothing is copied unless every check passes. Values are converted to each parameter's dtype and device.
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
        LoadStrict(Targets(module, select), values, source);
    }

    /// <summary>
    /// Copies <paramref name="values"/> into the named <paramref name="targets"/> (parameters or buffers) strictly:
    /// the two key sets must be equal, every shape must match and every value must be finite.
    /// </summary>
    /// <param name="targets">The tensors to overwrite, by name.</param>
    /// <param name="values">Tensors by name.</param>
    /// <param name="source">Where the values come from (used in messages).</param>
    public static void LoadStrict(IReadOnlyDictionary<string, Tensor> targets, IReadOnlyDictionary<string, Tensor> values, string source)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(values);
        ThrowIfAny(source, Problems(targets, values));
        Copy(targets, values);
    }

    /// <summary>The parameters of <paramref name="module"/> selected by <paramref name="select"/>, by name.</summary>
    internal static Dictionary<string, Tensor> Targets(nn.Module module, Func<string, bool>? select) =>
        module.named_parameters().Where(p => select?.Invoke(p.name) ?? true)
            .ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);

    /// <summary>Every reason why <paramref name="values"/> cannot be loaded into <paramref name="targets"/> (empty when it can).</summary>
    internal static List<string> Problems(IReadOnlyDictionary<string, Tensor> targets, IReadOnlyDictionary<string, Tensor> values)
    {
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
            else if (value is not null && DescribeNonFinite(value, target.dtype) is { } bad)
                problems.Add($"'{name}' holds {bad}");
        }
        return problems;
    }

    /// <summary>Throws an <see cref="InvalidDataException"/> listing <paramref name="problems"/>, if there are any.</summary>
    internal static void ThrowIfAny(string source, IReadOnlyCollection<string> problems)
    {
        if (problems.Count > 0)
            throw new InvalidDataException($"Cannot load {source}:" + Environment.NewLine +
                                           string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));
    }

    /// <summary>Copies checked values into their parameters (converted to each parameter's dtype and device).</summary>
    internal static void Copy(IReadOnlyDictionary<string, Tensor> targets, IReadOnlyDictionary<string, Tensor> values)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, target) in targets)
        {
            using var converted = values[name].to(target.dtype, target.device);
            target.copy_(converted);
        }
    }

    /// <summary>Non-finite values as the parameter would hold them (a float64 1e300 becomes ∞ in float32).</summary>
    internal static string? DescribeNonFinite(Tensor value, ScalarType dtype)
    {
        if (value.dtype == dtype) return NonFiniteValues.Describe(value);
        using var converted = value.to(dtype);
        return NonFiniteValues.Describe(converted) is { } bad ? $"{bad} (as {dtype})" : null;
    }

    private static string Shape(Tensor t) => "[" + string.Join(",", t.shape) + "]";
}
