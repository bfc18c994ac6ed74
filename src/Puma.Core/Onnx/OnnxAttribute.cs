namespace Puma.Onnx;

/// <summary>One node attribute (<c>AttributeProto</c>): its name, kind and scalar or list value.</summary>
/// <param name="Name">Attribute name, e.g. <c>pads</c>.</param>
/// <param name="Type">Declared kind of the value.</param>
/// <param name="F">The float value (field <c>f</c>).</param>
/// <param name="I">The integer value (field <c>i</c>).</param>
/// <param name="S">The string value (field <c>s</c>, decoded as UTF-8), or empty.</param>
/// <param name="Floats">The float list (field <c>floats</c>).</param>
/// <param name="Ints">The integer list (field <c>ints</c>).</param>
public sealed record OnnxAttribute(
    string Name,
    OnnxAttributeType Type,
    float F,
    long I,
    string S,
    IReadOnlyList<float> Floats,
    IReadOnlyList<long> Ints);
