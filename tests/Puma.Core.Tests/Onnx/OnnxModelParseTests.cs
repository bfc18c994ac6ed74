using NUnit.Framework;
using Puma.Onnx;

namespace Puma.Core.Tests.Onnx;

public class OnnxModelParseTests
{
    [Test]
    public void HandEncodedBytesDecode()
    {
        // ModelProto { ir_version: 3, graph { node { input: "x", output: "y", op_type: "Relu" } } }, encoded by hand:
        // 08 03 = field 1 varint 3; 3A 0E = field 7, 14 bytes; 0A 0C = GraphProto.node, 12 bytes;
        // 0A 01 'x' = input; 12 01 'y' = output; 22 04 "Relu" = op_type (field 4).
        byte[] bytes = [0x08, 0x03, 0x3A, 0x0E, 0x0A, 0x0C, 0x0A, 0x01, 0x78, 0x12, 0x01, 0x79, 0x22, 0x04, 0x52, 0x65, 0x6C, 0x75];
        OnnxModel model = OnnxModel.Parse(bytes);
        Assert.That(model.IrVersion, Is.EqualTo(3));
        OnnxNode node = model.Graph.Nodes.Single();
        Assert.That(node.OpType, Is.EqualTo("Relu"));
        Assert.That(node.Inputs, Is.EqualTo(new[] { "x" }));
        Assert.That(node.Outputs, Is.EqualTo(new[] { "y" }));
        Assert.That(node.Attributes, Is.Empty);
    }

    [Test]
    public void HandBuiltModelDecodesEveryField()
    {
        OnnxModel model = OnnxModel.Parse(SampleModel());
        Assert.That(model.IrVersion, Is.EqualTo(7));
        Assert.That(model.ProducerName, Is.EqualTo("hand"));
        Assert.That(model.ProducerVersion, Is.EqualTo("1.0"));
        Assert.That(model.OpsetImports, Is.EqualTo(new[] { new OnnxOpsetImport("", 13) }));

        OnnxGraph graph = model.Graph;
        Assert.That(graph.Name, Is.EqualTo("g"));
        OnnxNode conv = graph.Nodes.Single();
        Assert.That((conv.Name, conv.OpType), Is.EqualTo(("conv0", "Conv")));
        Assert.That(conv.Inputs, Is.EqualTo(new[] { "x", "w", "b" }));

        OnnxAttribute pads = conv.FindAttribute("pads")!;
        Assert.That(pads.Type, Is.EqualTo(OnnxAttributeType.Ints));
        Assert.That(pads.Ints, Is.EqualTo(new long[] { 1, 1, 0, 0 }));
        OnnxAttribute strides = conv.FindAttribute("strides")!;
        Assert.That(strides.Ints, Is.EqualTo(new long[] { 2, -3 }), "unpacked ints, one negative (10-byte varint)");
        Assert.That(conv.FindAttribute("alpha")!.F, Is.EqualTo(0.25f));
        Assert.That(conv.FindAttribute("group")!.I, Is.EqualTo(300L));
        Assert.That(conv.FindAttribute("auto_pad")!.S, Is.EqualTo("NOTSET"));
        Assert.That(conv.FindAttribute("scales")!.Floats, Is.EqualTo(new[] { 1.5f, -2f }));

        OnnxTensor packed = graph.FindInitializer("w")!;
        Assert.That(packed.Dims, Is.EqualTo(new long[] { 2, 1, 1, 2 }));
        Assert.That(packed.DataType, Is.EqualTo(OnnxDataType.Float));
        Assert.That(packed.ToFloatArray(), Is.EqualTo(new[] { 1f, -2f, 3.5f, 1e-3f }));
        Assert.That(graph.FindInitializer("b")!.ToFloatArray(), Is.EqualTo(new[] { 0.5f, 7f }), "unpacked float_data");
        Assert.That(graph.FindInitializer("r")!.ToFloatArray(), Is.EqualTo(new[] { 1f, 2f, -1f }), "raw_data");

        OnnxValueInfo input = graph.Inputs.Single();
        Assert.That((input.Name, input.ElementType), Is.EqualTo(("x", OnnxDataType.Float)));
        Assert.That(input.Shape, Is.EqualTo(new long?[] { null, 1, 4, 4 }));
        Assert.That(graph.Outputs.Single().Name, Is.EqualTo("y"));
    }

    [Test]
    public void TensorWithTooFewValuesIsRejected()
    {
        var tensor = new OnnxTensor("t", OnnxDataType.Float, [2, 2], new float[] { 1, 2, 3 }, ReadOnlyMemory<byte>.Empty);
        Assert.Throws<InvalidDataException>(() => tensor.ToFloatArray());
        var ints = new OnnxTensor("i", OnnxDataType.Int64, [1], ReadOnlyMemory<float>.Empty, new byte[8]);
        Assert.Throws<InvalidDataException>(() => ints.ToFloatArray());
    }

    [Test]
    public void EveryTruncationThrows()
    {
        byte[] bytes = SampleModel();
        for (int length = 0; length < bytes.Length; length++)
        {
            byte[] prefix = bytes[..length];
            Assert.Throws<InvalidDataException>(() => OnnxModel.Parse(prefix), $"prefix of {length} of {bytes.Length} bytes");
        }
    }

    [TestCase(new byte[] { 0x3A, 0x05, 0x0A, 0x03, 0x0A, 0x7F }, TestName = "Node length inside the graph overruns")]
    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, TestName = "Endless varint")]
    [TestCase(new byte[] { 0x3A, 0x02, 0x12, 0xFF }, TestName = "Graph name length overruns")]
    [TestCase(new byte[] { 0x3A, 0x03, 0x12, 0x01, 0xFF }, TestName = "Graph name is not UTF-8")]
    [TestCase(new byte[] { 0x50, 0x48, 0x4B, 0x03, 0x04 }, TestName = "Zip header")]
    [TestCase(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, TestName = "PNG header")]
    [TestCase(new byte[] { }, TestName = "Empty input (no graph)")]
    public void GarbageThrows(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => OnnxModel.Parse(bytes));

    [Test]
    public void RandomBytesOnlyEverFailWithInvalidData()
    {
        var random = new Random(20261203);
        int rejected = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            byte[] bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            try
            {
                OnnxModel.Parse(bytes);
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
        }

        Assert.That(rejected, Is.GreaterThan(1900));
    }

    [Test]
    public void RandomCorruptionOfAValidModelOnlyEverFailsWithInvalidData()
    {
        byte[] original = SampleModel();
        var random = new Random(7);
        for (int trial = 0; trial < 2000; trial++)
        {
            byte[] bytes = (byte[])original.Clone();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            try
            {
                OnnxModel model = OnnxModel.Parse(bytes);
                foreach (OnnxTensor tensor in model.Graph.Initializers)
                {
                    _ = tensor.ToFloatArray();
                }
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    /// <summary>A small Conv model exercising packed/unpacked repeated fields, raw_data and unknown fields; graph last.</summary>
    internal static byte[] SampleModel()
    {
        var attributes = new[]
        {
            new ProtoTestWriter().String(1, "pads").Varint(20, 7).PackedVarints(8, 1, 1, 0, 0),
            new ProtoTestWriter().String(1, "strides").Varint(8, 2).Varint(8, -3).Varint(20, 7),
            new ProtoTestWriter().String(1, "alpha").Float(2, 0.25f).Varint(20, 1),
            new ProtoTestWriter().String(1, "group").Varint(3, 300).Varint(20, 2),
            new ProtoTestWriter().String(1, "auto_pad").String(4, "NOTSET").Varint(20, 3).String(13, "doc"),
            new ProtoTestWriter().String(1, "scales").Float(7, 1.5f).Float(7, -2f).Varint(20, 6),
        };
        var node = new ProtoTestWriter().String(1, "x").String(1, "w").String(1, "b").String(2, "y")
            .String(3, "conv0").String(4, "Conv");
        foreach (ProtoTestWriter attribute in attributes)
        {
            node.Message(5, attribute);
        }

        var packed = new ProtoTestWriter().PackedVarints(1, 2, 1, 1, 2).Varint(2, 1).PackedFloats(4, 1f, -2f, 3.5f, 1e-3f).String(8, "w");
        var unpacked = new ProtoTestWriter().Varint(1, 2).Float(4, 0.5f).Float(4, 7f).Varint(2, 1).String(8, "b");
        var raw = new ProtoTestWriter().Varint(1, 3).Varint(2, 1).String(8, "r")
            .Bytes(9, new[] { 1f, 2f, -1f }.SelectMany(BitConverter.GetBytes).ToArray());
        var shape = new ProtoTestWriter()
            .Message(1, new ProtoTestWriter().String(2, "batch"))
            .Message(1, new ProtoTestWriter().Varint(1, 1))
            .Message(1, new ProtoTestWriter().Varint(1, 4))
            .Message(1, new ProtoTestWriter().Varint(1, 4));
        var input = new ProtoTestWriter().String(1, "x")
            .Message(2, new ProtoTestWriter().Message(1, new ProtoTestWriter().Varint(1, 1).Message(2, shape)));
        var output = new ProtoTestWriter().String(1, "y");
        var graph = new ProtoTestWriter().Message(1, node).String(2, "g").Message(5, packed).Message(5, unpacked).Message(5, raw)
            .String(10, "graph doc").Message(11, input).Message(12, output);
        return new ProtoTestWriter().Varint(1, 7).String(2, "hand").String(3, "1.0").String(6, "model doc")
            .Message(8, new ProtoTestWriter().String(1, "").Varint(2, 13))
            .Message(7, graph).ToArray();
    }
}
