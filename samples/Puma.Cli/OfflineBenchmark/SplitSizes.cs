namespace Puma.Cli.OfflineBenchmark;

/// <summary>Number of classes of a dataset in each split: source (pre-training the encoder), train and test.</summary>
internal sealed record SplitSizes(int Source, int Train, int Test)
{
    /// <summary>Split names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["source", "train", "test"];

    /// <summary>Sizes in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<int> AsList() => [Source, Train, Test];

    /// <summary>Total number of classes.</summary>
    public int Total => Source + Train + Test;
}
