using System.Buffers.Binary;

namespace ArtifactRegistry.Testing.FileSystem;

/// <summary>Tells a statically linked executable from a dynamic one: only a static one works alone in an empty image.</summary>
internal static class ElfExecutable
{
    private const uint ProgramInterpreter = 3; // PT_INTERP: the program needs a dynamic loader

    /// <summary>True for a 64-bit little-endian ELF file without a program interpreter.</summary>
    public static bool IsStaticallyLinked(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F' || bytes[4] != 2 || bytes[5] != 1)
            return false;

        var headerOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x20));
        var headerSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x36));
        var headerCount = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x38));
        for (var i = 0; i < headerCount; i++)
        {
            var offset = headerOffset + (long)i * headerSize;
            if (offset + 4 > bytes.Length)
                return false;
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)offset)) == ProgramInterpreter)
                return false;
        }
        return true;
    }
}
