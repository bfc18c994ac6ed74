namespace Puma.Onnx;

/// <summary>The computation graph of a model (<c>GraphProto</c>).</summary>
/// <param name="Name">Graph name.</param>
/// <param name="Nodes">Nodes in file order (ONNX requires topological order).</param>
/// <param name="Initializers">Constant tensors (weights), in file order.</param>
/// <param name="Inputs">Declared inputs (may also list initializers in old IR versions).</param>
/// <param name="Outputs">Declared outputs.</param>
public sealed record OnnxGraph(
    string Name,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs)
{
    /// <summary>The initializer called <paramref name="name"/>, or null.</summary>
    public OnnxTensor? FindInitializer(string name) => Initializers.FirstOrDefault(t => t.Name == name);
}
