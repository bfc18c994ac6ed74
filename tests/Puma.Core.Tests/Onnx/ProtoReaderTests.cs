using NUnit.Framework;
using Puma.Onnx;

namespace Puma.Core.Tests.Onnx;

public class ProtoReaderTests
{
    [Test]
    public void VarintsDecodeAsInTheProtobufSpecification()
    {
        // 150 = 0b1001_0110 -> low 7 bits 0010110 | 0x80, then 0000001 (the protobuf encoding guide's example).
        Assert.That(ReadVarint([0x96, 0x01]), Is.EqualTo(150UL));
        Assert.That(ReadVarint([0x00]), Is.EqualTo(0UL));
        Assert.That(ReadVarint([0x7F]), Is.EqualTo(127UL));
        // -1 as int64: ten bytes, nine 0xFF then 0x01.
        Assert.That((long)ReadVarint([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]), Is.EqualTo(-1L));
    }

    [Test]
    public void TagSplitsFieldNumberAndWireType()
    {
        // 0x3A = 58 = field 7 << 3 | wire type 2 (ModelProto.graph).
        var reader = new ProtoReader(new byte[] { 0x3A });
        var (field, wire) = reader.ReadTag();
        Assert.That(field, Is.EqualTo(7));
        Assert.That(wire, Is.EqualTo(WireType.LengthDelimited));
    }

    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, TestName = "Varint of 11 bytes")]
    [TestCase(new byte[] { 0x96 }, TestName = "Varint cut after a continuation byte")]
    public void BadVarintsThrow(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => ReadVarint(bytes));

    [TestCase(new byte[] { 0x00 }, TestName = "Field number 0")]
    [TestCase(new byte[] { 0x0B }, TestName = "Group start wire type 3")]
    [TestCase(new byte[] { 0x0C }, TestName = "Group end wire type 4")]
    [TestCase(new byte[] { 0x0E }, TestName = "Wire type 6")]
    [TestCase(new byte[] { 0x0F }, TestName = "Wire type 7")]
    public void BadTagsThrow(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => new ProtoReader(bytes).ReadTag());

    [Test]
    public void LengthBeyondTheRemainingBytesThrowsWithoutAllocating()
    {
        // Field 1, length-delimited, declared length 2^32 - 1 with only two bytes after it.
        byte[] bytes = [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x41, 0x42];
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new ProtoReader(bytes);
            var (_, wire) = reader.ReadTag();
            reader.ReadBytes(wire, "test");
        });
    }

    [Test]
    public void WrongWireTypeForAKnownFieldThrows()
    {
        // ModelProto.ir_version (field 1) sent as fixed32 instead of varint.
        byte[] bytes = new ProtoTestWriter().Float(1, 3f).ToArray();
        Assert.Throws<InvalidDataException>(() => OnnxModel.Parse(bytes));
    }

    [Test]
    public void PackedFloatsWithALengthNotAMultipleOfFourThrow()
    {
        byte[] tensor = new ProtoTestWriter().Bytes(4, [0, 0, 128, 63, 0]).ToArray();
        byte[] model = new ProtoTestWriter().Message(7, new ProtoTestWriter().Bytes(5, tensor)).ToArray();
        Assert.Throws<InvalidDataException>(() => OnnxModel.Parse(model));
    }

    private static ulong ReadVarint(byte[] bytes) => new ProtoReader(bytes).ReadVarint();
}
