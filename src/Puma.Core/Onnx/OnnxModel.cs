namespace Puma.Onnx;

/// <summary>
/// An ONNX model (<c>ModelProto</c>) decoded by Puma's own protobuf reader: only the subset needed to rebuild
/// feed-forward networks (graph, nodes, attributes, float initializers). Sub-graphs, tensor/string attributes and
/// external data are not decoded.
/// </summary>
/// <param name="IrVersion">ONNX IR version.</param>
/// <param name="ProducerName">Tool that wrote the file, e.g. <c>CNTK</c>.</param>
/// <param name="ProducerVersion">Version of that tool.</param>
/// <param name="OpsetImports">Operator sets used.</param>
/// <param name="Graph">The main graph.</param>
public sealed record OnnxModel(
    long IrVersion,
    string ProducerName,
    string ProducerVersion,
    IReadOnlyList<OnnxOpsetImport> OpsetImports,
    OnnxGraph Graph)
{
    /// <summary>Reads and decodes an ONNX file.</summary>
    /// <param name="path">Path of the <c>.onnx</c> file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed ONNX model.</exception>
    public static OnnxModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX file not found: {path}", path);
        }

        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            return Parse(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path} is not a readable ONNX model: {e.Message}", e);
        }
    }

    /// <summary>Decodes the bytes of a serialized <c>ModelProto</c>.</summary>
    /// <param name="bytes">The whole message.</param>
    /// <exception cref="InvalidDataException">Truncated or malformed bytes, or no graph.</exception>
    public static OnnxModel Parse(ReadOnlySpan<byte> bytes) => OnnxProtoDecoder.DecodeModel(bytes);
}
