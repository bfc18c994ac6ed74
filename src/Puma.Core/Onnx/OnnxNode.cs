namespace Puma.Onnx;

/// <summary>One graph node (<c>NodeProto</c>): an operator applied to named inputs, producing named outputs.</summary>
/// <param name="Name">Node name (may be empty).</param>
/// <param name="OpType">Operator, e.g. <c>Conv</c>.</param>
/// <param name="Inputs">Names of the input values, in operator order.</param>
/// <param name="Outputs">Names of the output values.</param>
/// <param name="Attributes">The node's attributes, in file order.</param>
public sealed record OnnxNode(
    string Name,
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<OnnxAttribute> Attributes)
{
    /// <summary>The attribute called <paramref name="name"/>, or null.</summary>
    public OnnxAttribute? FindAttribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);
}
