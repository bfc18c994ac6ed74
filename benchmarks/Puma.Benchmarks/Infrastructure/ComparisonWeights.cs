using System.Globalization;
using System.Text.Json;
using Puma.Adapters;
using Puma.Backbones.Hybrid;
using Puma.Checkpoints;
using Puma.IO;
using Puma.Prompts;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Benchmarks.Infrastructure;

/// <summary>
/// The safetensors file shared by the TorchSharp and PyTorch sides of <c>compare</c>: every parameter the step uses
/// under its state-dict name (the hybrid's frozen CNN is left out: the step starts from its cached maps),
/// <c>loss.proxies</c>, the batch (<c>input.x</c>, <c>input.labels</c>), the eval-mode embeddings and loss TorchSharp
/// computed for it (<c>expected.embeddings</c>, <c>expected.eval_loss</c>, so the PyTorch side can prove it runs the
/// same model), and the architecture as JSON in the metadata key <c>config</c>.
/// </summary>
public static class ComparisonWeights
{
    private const string Format = "puma-compare-v1";

    /// <summary>The architecture of <paramref name="workload"/> as the JSON the Python side builds its model from.</summary>
    public static string ConfigJson(PumaWorkload workload)
    {
        var model = workload.Model;
        var config = model.Backbone.Config;
        var stem = model.Backbone.Stem;
        var adapter = (StochasticAdapter)model.Adapter!;
        var pool = (PromptPool)model.Prompt!;
        bool hybrid = workload.Kind == WorkloadKind.Hybrid112;
        var values = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["kind"] = workload.Kind.ToString(),
            ["batch"] = workload.Batch,
            ["dim"] = config.EmbedDim,
            ["depth"] = config.Depth,
            ["heads"] = config.NumHeads,
            ["mlp_hidden"] = (int)(config.EmbedDim * config.MlpRatio),
            ["qkv_bias"] = config.QkvBias,
            ["ln_eps"] = config.LayerNormEps,
            ["stem_in"] = hybrid ? stem.FeatureShape[0] : stem.ImageShape[0],
            ["stem_kernel"] = hybrid ? 1 : config.PatchSize,
            ["num_patches"] = stem.NumPatches,
            ["adapter_r"] = adapter.Options.Bottleneck,
            ["drop_path"] = adapter.Options.DropPath,
            ["adapter_scale"] = adapter.Options.OutputScale,
            ["pool_m"] = pool.Options.ComponentCount,
            ["pool_l"] = pool.Options.PromptLength,
            ["pool_weight_scale"] = PromptPool.WeightScale,
            ["ortho_weight"] = pool.Options.OrthogonalityWeight * PromptPoolOptions.OrthogonalityScale,
            ["embedding_dim"] = model.EmbeddingDim,
            ["classes"] = workload.Loss.NumClasses,
            ["alpha"] = workload.Loss.Alpha,
            ["margin"] = workload.Loss.Margin,
            ["clip_value"] = 1.0,
            ["lr"] = 1e-4,
            ["weight_decay"] = 1e-4,
        };
        return JsonSerializer.Serialize(values);
    }

    /// <summary>Writes the file for <paramref name="workload"/> (its current weights and batch).</summary>
    public static void Export(PumaWorkload workload, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var scope = torch.NewDisposeScope();
        var tensors = ModelParameters(workload).ToDictionary(p => p.Name, p => p.Value.detach().cpu(), StringComparer.Ordinal);
        tensors["loss.proxies"] = workload.Loss.Proxies.detach().cpu();
        tensors["input.x"] = workload.Input.cpu();
        tensors["input.labels"] = workload.Labels.cpu();
        var (embeddings, loss) = EvalReference(workload);
        tensors["expected.embeddings"] = embeddings;
        tensors["expected.eval_loss"] = loss;
        SafeTensorsWriter.Write(path, tensors, new Dictionary<string, string> { ["format"] = Format, ["config"] = ConfigJson(workload) });
    }

    /// <summary>Loads the file into <paramref name="workload"/>, strictly; the architecture and batch must match.</summary>
    public static void Load(PumaWorkload workload, string path)
    {
        var header = SafeTensorsReader.ReadHeader(path);
        if (!header.Metadata.TryGetValue("format", out var format) || format != Format)
            throw new InvalidDataException($"{path} is not a comparison file (format '{format ?? "none"}', expected '{Format}').");
        if (!header.Metadata.TryGetValue("config", out var config) || config != ConfigJson(workload))
            throw new InvalidDataException($"{path} was written for another model or batch:{Environment.NewLine}  file:  {config}{Environment.NewLine}  model: {ConfigJson(workload)}");
        using var scope = torch.NewDisposeScope();
        var values = SafeTensorsReader.Read(path);
        var names = ModelParameters(workload).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var modelValues = values.Where(kv => names.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        StateDictLoader.LoadStrict(workload.Model, modelValues, path, names.Contains);
        using var noGrad = torch.no_grad();
        workload.Loss.Proxies.copy_(values["loss.proxies"]);
        workload.Input.copy_(values["input.x"]);
        workload.Labels.copy_(values["input.labels"]);
    }

    /// <summary>Max |Δ| between the eval embeddings now and those stored in the file (a sanity check of the load).</summary>
    public static double MaxDifferenceFromFile(PumaWorkload workload, string path)
    {
        using var scope = torch.NewDisposeScope();
        var stored = SafeTensorsReader.Read(path)["expected.embeddings"];
        var (now, _) = EvalReference(workload);
        return (now - stored).abs().max().item<float>();
    }

    private static (Tensor Embeddings, Tensor Loss) EvalReference(PumaWorkload workload)
    {
        using var noGrad = torch.no_grad();
        workload.Model.eval();
        var embeddings = workload.Forward();
        var loss = workload.Loss.forward(embeddings, workload.Labels) + workload.Model.Prompt!.RegularizationLoss()!;
        return (embeddings.cpu(), loss.cpu());
    }

    private static IEnumerable<(string Name, Tensor Value)> ModelParameters(PumaWorkload workload) =>
        workload.Model.named_parameters()
            .Where(p => !p.name.StartsWith("backbone." + HybridPatchEmbed.CnnPrefix, StringComparison.Ordinal))
            .Select(p => (p.name, (Tensor)p.parameter));

    /// <summary>Invariant formatting for the result lines.</summary>
    public static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
