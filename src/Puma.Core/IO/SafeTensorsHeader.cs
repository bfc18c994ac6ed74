namespace Puma.IO;

/// <summary>The validated header of a safetensors file: metadata and tensor descriptions, without data.</summary>
/// <param name="Metadata">The string-to-string <c>__metadata__</c> entry (empty when absent).</param>
/// <param name="Tensors">Every tensor entry, sorted by name (ordinal).</param>
/// <param name="DataOffset">Absolute file offset of the data section (8 + header length).</param>
public sealed record SafeTensorsHeader(
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<SafeTensorInfo> Tensors,
    long DataOffset);
