namespace Puma.Losses;

/// <summary>
/// A loss chosen at build time and created at fit time, when the number of training classes is known. Subclass it to
/// plug in your own proxy-based loss (derive the loss from <see cref="MetricLoss"/>).
/// </summary>
public abstract class MetricLossSpec
{
    /// <summary>A short description (logs, results files).</summary>
    public abstract string Description { get; }

    /// <summary>Every problem with the options (empty when valid).</summary>
    public abstract IEnumerable<string> Validate();

    /// <summary>Creates the loss with fresh proxies.</summary>
    public abstract MetricLoss Create(int numClasses, int embeddingDim);
}
