namespace Puma.Data.Benchmarks;

/// <summary>The outcome for one dataset.</summary>
public enum DatasetStatus
{
    /// <summary>Found, loaded, and every split has the expected counts.</summary>
    Ok,

    /// <summary>Found and loaded, but some count differs from the expected one.</summary>
    Mismatch,

    /// <summary>The dataset folder does not exist.</summary>
    Missing,

    /// <summary>The folder exists but the dataset could not be read (the message says why).</summary>
    Error,
}
