namespace Puma.Hooks;

/// <summary>An adapter whose branch outputs are multiplied by a fixed (untrained) scale.</summary>
public interface IFixedScaleAdapter
{
    /// <summary>The fixed output scale.</summary>
    double FixedScale { get; }
}
