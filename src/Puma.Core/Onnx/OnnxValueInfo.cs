namespace Puma.Onnx;

/// <summary>A declared graph input or output (<c>ValueInfoProto</c> with a tensor type).</summary>
/// <param name="Name">Value name.</param>
/// <param name="ElementType">Element type, <see cref="OnnxDataType.Undefined"/> if the type is not a tensor.</param>
/// <param name="Shape">Dimensions; null entries are symbolic (<c>dim_param</c>) or unknown. Empty if no shape is given.</param>
public sealed record OnnxValueInfo(string Name, OnnxDataType ElementType, IReadOnlyList<long?> Shape);
