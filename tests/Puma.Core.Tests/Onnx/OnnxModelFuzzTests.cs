using CsCheck;
using NUnit.Framework;
using Puma.Onnx;
using Puma.Testing;

namespace Puma.Core.Tests.Onnx;

/// <summary>
/// Property: Puma's protobuf/ONNX reader turns any bytes into a model whose initializers decode (or refuse) cleanly, or
/// throws <see cref="InvalidDataException"/>; it never hangs and never allocates more than the input backs.
/// </summary>
public class OnnxModelFuzzTests
{
    private static readonly byte[] Sample = OnnxModelParseTests.SampleModel();

    private static void ParsesOrRefuses(byte[] bytes)
    {
        long before = GC.GetTotalAllocatedBytes(precise: false);
        Outcome.CompletesOrThrows(() =>
        {
            OnnxModel model = OnnxModel.Parse(bytes);
            foreach (OnnxTensor tensor in model.Graph.Initializers)
            {
                float[] values = tensor.ToFloatArray();
                Assert.That(values.LongLength, Is.EqualTo(tensor.ElementCount), tensor.Name);
            }
        }, Outcome.Describe(bytes), typeof(InvalidDataException));
        Assert.That(GC.GetTotalAllocatedBytes(precise: false) - before, Is.LessThan((16L << 20) + (bytes.Length * 64L)),
            "allocation backed by the input");
    }

    [Test]
    public void RandomBytes() =>
        Gen.Byte.Array[0, 512].Sample(ParsesOrRefuses, iter: Outcome.Iterations, threads: 1, print: Outcome.Describe);

    [Test]
    public void BitFlipsOfAValidModel() =>
        Gen.Int[0, (Sample.Length * 8) - 1].Array[1, 8].Sample(bits =>
        {
            byte[] bytes = (byte[])Sample.Clone();
            foreach (int bit in bits) bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            ParsesOrRefuses(bytes);
        }, iter: Outcome.Iterations, threads: 1, print: bits => $"flip bits [{string.Join(",", bits)}]");

    [Test]
    public void SplicedBytesInsideAValidModel() =>
        Gen.Int[0, Sample.Length].SelectMany(at => Gen.Int[0, Sample.Length - at].SelectMany(cut => Gen.Byte.Array[0, 16].Select(insert => (at, cut, insert))))
            .Sample(edit => ParsesOrRefuses([.. Sample.AsSpan(0, edit.at), .. edit.insert, .. Sample.AsSpan(edit.at + edit.cut)]),
                iter: Outcome.Iterations, threads: 1, print: e => $"at {e.at} cut {e.cut} insert {Convert.ToHexString(e.insert)}");

    [Test] // tensors whose dims claim up to 2^63 elements with a few bytes of data
    public void HugeDeclaredTensorsAreRefusedWithoutAllocating() =>
        Gen.Long[-5, long.MaxValue].Array[0, 4].SelectMany(dims => Gen.Byte.Array[0, 32].Select(raw => (dims, raw)))
            .Sample(t =>
            {
                var tensor = new ProtoTestWriter().Varint(2, 1).String(8, "t").Bytes(9, t.raw);
                foreach (long dim in t.dims) tensor.Varint(1, dim);
                var model = new ProtoTestWriter().Message(7, new ProtoTestWriter().Message(5, tensor));
                ParsesOrRefuses(model.ToArray());
            }, iter: Outcome.Iterations, threads: 1, print: t => $"dims [{string.Join(",", t.dims)}], {t.raw.Length} raw bytes");
}
