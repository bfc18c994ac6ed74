namespace Puma.Onnx;

/// <summary>Kinds of ONNX node attributes (<c>AttributeProto.AttributeType</c>).</summary>
public enum OnnxAttributeType
{
    /// <summary>Not set.</summary>
    Undefined = 0,

    /// <summary>One float in <see cref="OnnxAttribute.F"/>.</summary>
    Float = 1,

    /// <summary>One integer in <see cref="OnnxAttribute.I"/>.</summary>
    Int = 2,

    /// <summary>One string in <see cref="OnnxAttribute.S"/>.</summary>
    String = 3,

    /// <summary>A tensor (not decoded by this reader).</summary>
    Tensor = 4,

    /// <summary>A sub-graph (not decoded by this reader).</summary>
    Graph = 5,

    /// <summary>A list of floats in <see cref="OnnxAttribute.Floats"/>.</summary>
    Floats = 6,

    /// <summary>A list of integers in <see cref="OnnxAttribute.Ints"/>.</summary>
    Ints = 7,

    /// <summary>A list of strings (not decoded by this reader).</summary>
    Strings = 8,
}
