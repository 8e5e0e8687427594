using System.Security.Cryptography;
using System.Text;

namespace ExportTaxCheck.Engine.Runtime;

public static class Ids
{
    /// <summary>Time-ordered ids keep the primary-key index append-mostly.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");

    /// <summary>An id fixed by <paramref name="seed"/> and <paramref name="salt"/>, so a retried start finds the instance its first try made.</summary>
    public static string Derived(string seed, string salt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\n" + salt)).AsSpan(0, 16));
}
