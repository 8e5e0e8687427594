using ExportTaxCheck.Host.Auth;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>
/// The development keys (<c>*-change-me</c>) and the demo officers' passwords shipped in appsettings.json: outside
/// Development the Host starts with them, but says loudly that anyone who read the README can sign in.
/// </summary>
public static class DemoCredentials
{
    /// <summary>The password hashes of the demo officers as appsettings.json ships them (README: tax-demo-2026 etc.).</summary>
    private static readonly HashSet<string> DemoPasswordHashes = new(StringComparer.Ordinal)
    {
        "PBKDF2-SHA256$100000$d/n88vFrFVWohQz66ZLpnQ==$QlBvsw/vx+LThf0e7ouNKS0k4Zzcy2cSsRT7Bk4KOJk=",
        "PBKDF2-SHA256$100000$X49Lpr4/QRF1zhHPhlJYWg==$kIeChyYKmqtIe2/H0IK6t5LMkcsbdP048pbTb9XodrU=",
        "PBKDF2-SHA256$100000$wEKMZy6UCRkUSGUTab1cAw==$c8GsoYxKU/ziwTw87d1t5jBDBNEG69JUG1HT61+Zo6M=",
        "PBKDF2-SHA256$100000$qld+ZU0M8d6C8c5av9wHbg==$1fSgJIkQc5qvMfhMWB64VEN5wGEh3QHEoCehh3keyoY=",
        "PBKDF2-SHA256$100000$DNH9Lax0xgsp8Mon2PYPvg==$AY/JFepHJhhTvxFP4+wr+V1mjX2k4STIlVceTzn6CIY=",
    };

    public static IEnumerable<string> Problems(ApiKeyOptions keys, UsersOptions users)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(users);
        foreach (var key in keys.ApiKeys.Where(k => k.Key.Contains("change-me", StringComparison.OrdinalIgnoreCase)))
            yield return $"API key '{key.Name}' is a development key (*-change-me); configure your own under Auth:ApiKeys.";
        foreach (var user in users.Users.Where(u => DemoPasswordHashes.Contains(u.PasswordHash)))
            yield return $"User '{user.UserName}' signs in with the demo password from the README; set a new Auth:Users PasswordHash (hash-password).";
    }
}
