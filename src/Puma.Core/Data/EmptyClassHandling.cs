namespace Puma.Data;

/// <summary>What <see cref="ImageFolder.Load"/> does with a class folder that holds no image.</summary>
public enum EmptyClassHandling
{
    /// <summary>Throw an <see cref="InvalidDataException"/> naming the folder (the default, as torchvision does).</summary>
    Throw,

    /// <summary>Leave the class out (it gets no label) and log a warning.</summary>
    SkipWithWarning,
}
