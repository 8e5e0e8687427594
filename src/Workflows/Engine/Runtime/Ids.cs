using System.Security.Cryptography;
using System.Text;

namespace ExportTaxCheck.Engine.Runtime;

public static class Ids
{
    // Drawn once per process: two processes differ in these 34 bits and in where their counters start.
    private static readonly ulong Process = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
    private static long _counter = (long)(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 24);

    /// <summary>
    /// Time-ordered ids keep the primary-key index append-mostly: laid out as a version-7 UUID (48 bits of Unix
    /// milliseconds, then the process's random bits and a counter), in 32 hex digits. Unlike <see cref="Guid.CreateVersion7()"/>
    /// it asks the operating system for no random bytes per id, and ids of one process sort in the order they were made.
    /// </summary>
    public static string New()
    {
        var ms = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() & 0xFFFF_FFFF_FFFF;
        var count = (ulong)Interlocked.Increment(ref _counter) & 0xFF_FFFF_FFFF;
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes,
            (ms << 16) | 0x7000 | (Process & 0xFFF));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..],
            0x8000_0000_0000_0000 | (((Process >> 12) & 0x3F_FFFF) << 40) | count);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>An id fixed by <paramref name="seed"/> and <paramref name="salt"/>, so a retried start finds the instance its first try made.</summary>
    public static string Derived(string seed, string salt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\n" + salt)).AsSpan(0, 16));
}
