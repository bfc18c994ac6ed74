namespace Puma.Onnx;

/// <summary>Maps protobuf fields of the ONNX schema (onnx.proto, IR 3+) to the Puma.Onnx records. Unknown fields are skipped.</summary>
internal static class OnnxProtoDecoder
{
    public static OnnxModel DecodeModel(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        long irVersion = 0;
        string producerName = "", producerVersion = "";
        var opsets = new List<OnnxOpsetImport>();
        OnnxGraph? graph = null;
        while (!reader.IsAtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: irVersion = reader.ReadInt64(wire, "ModelProto.ir_version"); break;
                case 2: producerName = reader.ReadString(wire, "ModelProto.producer_name"); break;
                case 3: producerVersion = reader.ReadString(wire, "ModelProto.producer_version"); break;
                case 7: graph = DecodeGraph(reader.ReadBytes(wire, "ModelProto.graph")); break;
                case 8: opsets.Add(DecodeOpset(reader.ReadBytes(wire, "ModelProto.opset_import"))); break;
                default: reader.Skip(wire); break;
            }
        }

        return graph is null
            ? throw new InvalidDataException("Not an ONNX model: ModelProto.graph is missing.")
            : new OnnxModel(irVersion, producerName, producerVersion, opsets, graph);
    }

    private static OnnxOpsetImport DecodeOpset(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        string domain = "";
        long version = 0;
        while (!reader.IsAtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: domain = reader.ReadString(wire, "OperatorSetIdProto.domain"); break;
                case 2: version = reader.ReadInt64(wire, "OperatorSetIdProto.version"); break;
                default: reader.Skip(wire); break;
            }
        }

        return new OnnxOpsetImport(domain, version);
    }

    private static OnnxGraph DecodeGraph(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        string name = "";
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxTensor>();
        var inputs = new List<OnnxValueInfo>();
        var outputs = new List<OnnxValueInfo>();
        while (!reader.IsAtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: nodes.Add(DecodeNode(reader.ReadBytes(wire, "GraphProto.node"))); break;
                case 2: name = reader.ReadString(wire, "GraphProto.name"); break;
                case 5: initializers.Add(DecodeTensor(reader.ReadBytes(wire, "GraphProto.initializer"))); break;
                case 11: inputs.Add(DecodeValueInfo(reader.ReadBytes(wire, "GraphProto.input"))); break;
                case 12: outputs.Add(DecodeValueInfo(reader.ReadBytes(wire, "GraphProto.output"))); break;
                default: reader.Skip(wire); break;
            }
        }

        return new OnnxGraph(name, nodes, initializers, inputs, outputs);
    }

    private static OnnxNode DecodeNode(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        string name = "", opType = "";
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<OnnxAttribute>();
        while (!reader.IsAtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: inputs.Add(reader.ReadString(wire, "NodeProto.input")); break;
                case 2: outputs.Add(reader.ReadString(wire, "NodeProto.output")); break;
                case 3: name = reader.ReadString(wire, "NodeProto.name"); break;
                case 4: opType = reader.ReadString(wire, "NodeProto.op_type"); break;
                case 5: attributes.Add(DecodeAttribute(reader.ReadBytes(wire, "NodeProto.attribute"))); break;
                default: reader.Skip(wire); break;
            }
        }

        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    private static OnnxAttribute DecodeAttribute(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        string name = "", s = "";
        var type = OnnxAttributeType.Undefined;
        float f = 0;
        long i = 0;
        var floats = new List<float>();
        var ints = new List<long>();
        while (!reader.IsAtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: name = reader.ReadString(wire, "AttributeProto.name"); break;
                case 2: f = reader.ReadFloat(wire, "AttributeProto.f"); break;
                case 3: i = reader.ReadInt64(wire, "AttributeProto.i"); break;
                case 4: s = reader.ReadString(wire, "AttributeProto.s"); break;
                case 7: reader.ReadRepeatedFloat(wire, "AttributeProto.floats", floats); break;
                case 8: reader.ReadRepeatedInt64(wire, "AttributeProto.ints", ints); break;
                case 20: type = (OnnxAttributeType)reader.ReadInt32(wire, "AttributeProto.type"); break;
                default: reader.Skip(wire); break;
            }
        }

        return new OnnxAttribute(name, type, f, i, s, floats, ints);
    }

    private static OnnxTensor DecodeTensor(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        string name = "";
        var dataType = OnnxDataType.Undefined;
        var dims = new List<long>();
        var floatData = new List<float>();
        byte[] rawData = [];
        while (!reader.IsAtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: reader.ReadRepeatedInt64(wire, "TensorProto.dims", dims); break;
                case 2: dataType = (OnnxDataType)reader.ReadInt32(wire, "TensorProto.data_type"); break;
                case 4: reader.ReadRepeatedFloat(wire, "TensorProto.float_data", floatData); break;
                case 8: name = reader.ReadString(wire, "TensorProto.name"); break;
                case 9: rawData = reader.ReadBytes(wire, "TensorProto.raw_data").ToArray(); break;
                default: reader.Skip(wire); break;
            }
        }

        return new OnnxTensor(name, dataType, dims, floatData.ToArray(), rawData);
    }

    private static OnnxValueInfo DecodeValueInfo(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        string name = "";
        var elementType = OnnxDataType.Undefined;
        IReadOnlyList<long?> shape = [];
        while (!reader.IsAtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: name = reader.ReadString(wire, "ValueInfoProto.name"); break;
                case 2: (elementType, shape) = DecodeTensorType(reader.ReadBytes(wire, "ValueInfoProto.type")); break;
                default: reader.Skip(wire); break;
            }
        }

        return new OnnxValueInfo(name, elementType, shape);
    }

    /// <summary>Decodes <c>TypeProto</c>; only its <c>tensor_type</c> (field 1: elem_type, shape) is read.</summary>
    private static (OnnxDataType ElementType, IReadOnlyList<long?> Shape) DecodeTensorType(ReadOnlySpan<byte> bytes)
    {
        var typeReader = new ProtoReader(bytes);
        var elementType = OnnxDataType.Undefined;
        var shape = new List<long?>();
        while (!typeReader.IsAtEnd)
        {
            var (typeField, typeWire) = typeReader.ReadTag();
            if (typeField != 1)
            {
                typeReader.Skip(typeWire);
                continue;
            }

            var tensorReader = new ProtoReader(typeReader.ReadBytes(typeWire, "TypeProto.tensor_type"));
            while (!tensorReader.IsAtEnd)
            {
                var (field, wire) = tensorReader.ReadTag();
                switch (field)
                {
                    case 1: elementType = (OnnxDataType)tensorReader.ReadInt32(wire, "TypeProto.Tensor.elem_type"); break;
                    case 2: shape = DecodeShape(tensorReader.ReadBytes(wire, "TypeProto.Tensor.shape")); break;
                    default: tensorReader.Skip(wire); break;
                }
            }
        }

        return (elementType, shape);
    }

    private static List<long?> DecodeShape(ReadOnlySpan<byte> bytes)
    {
        var shapeReader = new ProtoReader(bytes);
        var dims = new List<long?>();
        while (!shapeReader.IsAtEnd)
        {
            var (shapeField, shapeWire) = shapeReader.ReadTag();
            if (shapeField != 1)
            {
                shapeReader.Skip(shapeWire);
                continue;
            }

            var dimReader = new ProtoReader(shapeReader.ReadBytes(shapeWire, "TensorShapeProto.dim"));
            long? value = null;
            while (!dimReader.IsAtEnd)
            {
                var (field, wire) = dimReader.ReadTag();
                if (field == 1)
                {
                    value = dimReader.ReadInt64(wire, "TensorShapeProto.Dimension.dim_value");
                }
                else
                {
                    dimReader.Skip(wire);
                }
            }

            dims.Add(value);
        }

        return dims;
    }
}
