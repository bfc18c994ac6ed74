namespace Puma.Data;

/// <summary>What feature extraction does with an image file that cannot be decoded (corrupt, truncated, not an image, too large).</summary>
public enum UndecodableImageHandling
{
    /// <summary>Throw the decoder's <see cref="InvalidDataException"/> (or <see cref="FileNotFoundException"/>), which names the file (the default).</summary>
    Throw,

    /// <summary>Leave the sample out of the result and log a warning naming the file and the reason.</summary>
    SkipWithWarning,
}
