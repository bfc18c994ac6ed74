using System.Buffers.Binary;
using System.Text;

namespace Puma.Native;

/// <summary>
/// Marks one version requirement of an ELF64 little-endian shared library as weak (<c>VER_FLG_WEAK</c> in its
/// <c>.gnu.version_r</c> entries), so that the dynamic loader accepts a library that lacks that version. The same edit
/// as the build-time target (build/TorchSharpGlibcxxFix.targets), for hosts that load TorchSharp without building.
/// </summary>
internal static class ElfVersionNeeds
{
    private const uint ShtGnuVerneed = 0x6FFFFFFE;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>True when <paramref name="elf"/> requires <paramref name="versionName"/> without the weak flag.</summary>
    public static bool RequiresStrongly(ReadOnlySpan<byte> elf, string versionName)
    {
        bool found = false;
        Visit(elf, versionName, (_, flags) => found |= (flags & VerFlagWeak) == 0);
        return found;
    }

    /// <summary>Sets the weak flag on every requirement of <paramref name="versionName"/>; returns whether a byte changed.</summary>
    public static bool Weaken(byte[] elf, string versionName)
    {
        ArgumentNullException.ThrowIfNull(elf);
        var offsets = new List<int>();
        Visit(elf, versionName, (flagsOffset, flags) => { if ((flags & VerFlagWeak) == 0) offsets.Add(flagsOffset); });
        foreach (int offset in offsets)
        {
            ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(offset));
            BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(offset), (ushort)(flags | VerFlagWeak));
        }
        return offsets.Count > 0;
    }

    private delegate void AuxVisitor(int flagsOffset, ushort flags);

    /// <summary>Calls <paramref name="visit"/> with the offset of the flags of each <c>Vernaux</c> entry named <paramref name="versionName"/>.</summary>
    private static void Visit(ReadOnlySpan<byte> elf, string versionName, AuxVisitor visit)
    {
        bool isElf64LittleEndian = elf.Length > 64 && elf[0] == 0x7F && elf[1] == (byte)'E' && elf[2] == (byte)'L' && elf[3] == (byte)'F'
                                   && elf[4] == 2 && elf[5] == 1;
        if (!isElf64LittleEndian) throw new InvalidDataException("Not an ELF64 little-endian file.");
        int sectionTable = checked((int)BinaryPrimitives.ReadInt64LittleEndian(elf[0x28..]));
        int sectionSize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3A..]);
        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3C..]);
        for (int s = 0; s < sectionCount; s++)
        {
            var section = elf[(sectionTable + s * sectionSize)..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(section[4..]) != ShtGnuVerneed) continue;
            int need = checked((int)BinaryPrimitives.ReadInt64LittleEndian(section[0x18..]));
            int linkedStrings = (int)BinaryPrimitives.ReadUInt32LittleEndian(section[0x28..]);
            int needCount = (int)BinaryPrimitives.ReadUInt32LittleEndian(section[0x2C..]);
            int strings = checked((int)BinaryPrimitives.ReadInt64LittleEndian(elf[(sectionTable + linkedStrings * sectionSize + 0x18)..]));
            for (int n = 0; n < needCount; n++)
            {
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(elf[(need + 2)..]);
                int aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(need + 8)..]);
                for (int a = 0; a < auxCount; a++)
                {
                    var name = elf[(strings + (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(aux + 8)..]))..];
                    name = name[..name.IndexOf((byte)0)];
                    if (Encoding.ASCII.GetString(name) == versionName)
                        visit(aux + 4, BinaryPrimitives.ReadUInt16LittleEndian(elf[(aux + 4)..]));
                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(aux + 12)..]);
                }
                need += (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(need + 12)..]);
            }
        }
    }
}
