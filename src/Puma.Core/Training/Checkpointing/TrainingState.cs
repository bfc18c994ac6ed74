using System.Globalization;
using System.Security.Cryptography;
using Puma.Losses;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Training;

/// <summary>
/// The live objects whose values make up a training run's state: the parameter groups (proxies included), the AdamW
/// optimizer's per-parameter state, the loss buffers and torch's default generator. Turns them into named tensors and
/// back. Keys: <c>param.{g}.{i}</c>, <c>adamw.exp_avg.{g}.{i}</c>, <c>adamw.exp_avg_sq.{g}.{i}</c>, <c>adamw.step</c>
/// (one int64 per parameter, in group order), <c>loss.{buffer}</c> and <c>rng.torch</c>.
/// </summary>
internal sealed class TrainingState
{
    private const string RngKey = "rng.torch";
    private const string StepKey = "adamw.step";
    private readonly List<(string Key, Parameter Parameter)> parameters;
    private readonly List<AdamW.State> optimizerStates;
    private readonly MetricLoss loss;

    public TrainingState(IReadOnlyList<ParameterGroup> groups, optim.Optimizer optimizer, MetricLoss loss)
    {
        parameters = groups.SelectMany((g, gi) => g.Parameters.Select((p, pi) => ($"{gi}.{pi}", p))).ToList();
        var states = ((OptimizerHelper)optimizer).state_dict().State;
        if (states.Count != parameters.Count || states.Any(s => s is not AdamW.State))
            throw new InvalidOperationException($"Expected {parameters.Count} AdamW parameter states, found {states.Count}.");
        optimizerStates = states.Cast<AdamW.State>().ToList();
        this.loss = loss;
    }

    /// <summary>A description of every tensor's role and shape: two runs can share checkpoints only when it is equal.</summary>
    public string Layout(IReadOnlyList<ParameterGroup> groups) =>
        string.Join(";", groups.Select(g => $"{g.Name}:{string.Join(",", g.Parameters.Select(p => $"[{string.Join("x", p.shape)}]"))}"))
        + ";loss:" + string.Join(",", loss.named_buffers().Select(b => $"{b.name}[{string.Join("x", b.buffer.shape)}]"));

    /// <summary>CPU copies of the state (caller-owned, dispose them).</summary>
    public Dictionary<string, Tensor> Capture()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (int i = 0; i < parameters.Count; i++)
        {
            var (key, parameter) = parameters[i];
            tensors["param." + key] = parameter.detach().cpu().clone();
            tensors["adamw.exp_avg." + key] = optimizerStates[i].exp_avg.detach().cpu().clone();
            tensors["adamw.exp_avg_sq." + key] = optimizerStates[i].exp_avg_sq.detach().cpu().clone();
            if (optimizerStates[i].max_exp_avg_sq is { } max) tensors["adamw.max_exp_avg_sq." + key] = max.detach().cpu().clone();
        }
        tensors[StepKey] = torch.tensor(optimizerStates.Select(s => s.step).ToArray());
        foreach (var (name, buffer) in loss.named_buffers()) tensors["loss." + name] = buffer.detach().cpu().clone();
        tensors[RngKey] = torch.random.get_rng_state().clone();
        foreach (var tensor in tensors.Values) tensor.MoveToOuterDisposeScope();
        return tensors;
    }

    /// <summary>Every reason why <paramref name="values"/> does not fit this state (empty when it does).</summary>
    public List<string> Problems(IReadOnlyDictionary<string, Tensor> values)
    {
        var expected = ExpectedShapes();
        var problems = new List<string>();
        foreach (var (key, shape) in expected)
        {
            if (!values.TryGetValue(key, out var value)) problems.Add($"missing '{key}'");
            else if (shape is not null && !value.shape.SequenceEqual(shape))
                problems.Add($"'{key}' has shape [{string.Join(",", value.shape)}], expected [{string.Join(",", shape)}]");
        }
        problems.AddRange(values.Keys.Where(k => !expected.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => $"unexpected '{k}'"));
        return problems;
    }

    /// <summary>Copies everything except the generator state into the live objects (check <see cref="Problems"/> first).</summary>
    public void RestoreModelAndOptimizer(IReadOnlyDictionary<string, Tensor> values)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var steps = values[StepKey].data<long>().ToArray();
        for (int i = 0; i < parameters.Count; i++)
        {
            var (key, parameter) = parameters[i];
            parameter.copy_(values["param." + key]);
            optimizerStates[i].exp_avg.copy_(values["adamw.exp_avg." + key]);
            optimizerStates[i].exp_avg_sq.copy_(values["adamw.exp_avg_sq." + key]);
            if (optimizerStates[i].max_exp_avg_sq is { } max) max.copy_(values["adamw.max_exp_avg_sq." + key]);
            optimizerStates[i].step = steps[i];
        }
        foreach (var (name, buffer) in loss.named_buffers()) buffer.copy_(values["loss." + name]);
    }

    /// <summary>Sets torch's default generator to the saved state.</summary>
    public static void RestoreGenerator(IReadOnlyDictionary<string, Tensor> values) => torch.random.set_rng_state(values[RngKey]);

    /// <summary>SHA-256 (hex) of the tensors' bytes in ordinal key order: the data section of the safetensors file.</summary>
    public static string Checksum(IReadOnlyDictionary<string, Tensor> tensors)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var key in tensors.Keys.Order(StringComparer.Ordinal))
        {
            using var flat = tensors[key].contiguous();
            hash.AppendData(flat.bytes);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Formats a double so that it parses back to the same bits.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private Dictionary<string, long[]?> ExpectedShapes()
    {
        var shapes = new Dictionary<string, long[]?>(StringComparer.Ordinal);
        for (int i = 0; i < parameters.Count; i++)
        {
            var (key, parameter) = parameters[i];
            shapes["param." + key] = parameter.shape;
            shapes["adamw.exp_avg." + key] = parameter.shape;
            shapes["adamw.exp_avg_sq." + key] = parameter.shape;
            if (optimizerStates[i].max_exp_avg_sq is not null) shapes["adamw.max_exp_avg_sq." + key] = parameter.shape;
        }
        shapes[StepKey] = [parameters.Count];
        foreach (var (name, buffer) in loss.named_buffers()) shapes["loss." + name] = buffer.shape;
        shapes[RngKey] = null;
        return shapes;
    }
}
