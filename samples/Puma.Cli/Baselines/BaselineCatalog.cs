namespace Puma.Cli.Baselines;

/// <summary>Every method of <c>puma benchmark</c>, in table order.</summary>
internal static class BaselineCatalog
{
    public static IReadOnlyList<BaselineMethod> All { get; } =
    [
        new RawPixelsMethod(),
        new ResNetPooledMethod(),
        new FrozenBackboneMethod(),
        new UnifiedModelMethod("linear-head", "frozen backbone, trained 128-d head only", ModelVariant.LinearHead, mainRow: true),
        new UnifiedModelMethod("full-finetune", "the encoder and head fully fine-tuned on the merged data (naive unified model)", ModelVariant.FullFineTune, mainRow: true),
        new PerDatasetMethod(),
        new UnifiedModelMethod("adapters-only", "stochastic adapters (p 0.5) + head, no prompt pool", ModelVariant.Puma with { PromptPool = false }, mainRow: false),
        new UnifiedModelMethod("pool-only", "prompt pool + head, no adapters", ModelVariant.Puma with { Adapters = false }, mainRow: false),
        new UnifiedModelMethod("puma-p0", "PUMA with DropPath p = 0 (plain adapters)", ModelVariant.Puma with { DropPath = 0 }, mainRow: false),
        new UnifiedModelMethod("puma", "PUMA: stochastic adapters (p 0.5) + prompt pool + head, Proxy-Anchor", ModelVariant.Puma, mainRow: true),
        new UnifiedModelMethod("puma-curricularface", "PUMA with CurricularFace (s 32, m 0.3, proxies ×1e4)", ModelVariant.Puma with { CurricularFace = true }, mainRow: false),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToList();

    /// <summary>The default <c>--methods</c>: all of them.</summary>
    public static IReadOnlyList<string> DefaultNames => Names;

    public static BaselineMethod Get(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"Unknown method '{name}'. Known: {string.Join(", ", Names)}.");
}
