namespace Puma.Onnx;

/// <summary>An operator set the model uses (<c>OperatorSetIdProto</c>); the empty domain is the default ONNX domain.</summary>
/// <param name="Domain">Operator domain.</param>
/// <param name="Version">Operator set version.</param>
public sealed record OnnxOpsetImport(string Domain, long Version);
