using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ExportTaxCheck.Host.Auth;

/// <summary>
/// The credential Elsa Studio sends for the analyst who opened it: the user's name, the security stamp of their session
/// and when the session ends, protected by ASP.NET Core data protection. It is worth nothing after sign-out, a role
/// change or a disabled account (the stamp changes) and after the session's absolute end, and it names the user, not a
/// key every analyst shares.
/// </summary>
public sealed class StudioTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Prefix = "studio.";
    private readonly IDataProtector _protector = protection.CreateProtector("ExportTaxCheck.Studio.v1");

    public static bool IsToken(string presented) => presented.StartsWith(Prefix, StringComparison.Ordinal);

    public string Issue(string userName, string stamp, DateTimeOffset expiresAt) =>
        Prefix + _protector.Protect(string.Join('\n', userName, stamp, expiresAt.UtcTicks.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The user and stamp a token was issued for, or null when it was not made here or has expired.</summary>
    public (string UserName, string Stamp)? Read(string presented)
    {
        if (!IsToken(presented))
            return null;
        string payload;
        try
        {
            payload = _protector.Unprotect(presented[Prefix.Length..]);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = payload.Split('\n');
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || clock.GetUtcNow().UtcTicks >= ticks)
            return null;
        return (parts[0], parts[1]);
    }
}
