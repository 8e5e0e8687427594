using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ExportTaxCheck.Engine.Users;

/// <summary>
/// Salted PBKDF2-SHA256 password hashes written as <c>PBKDF2-SHA256$iterations$salt$hash</c> (Base64), compared in
/// constant time. <c>dotnet run --project src/Host -- hash-password</c> prints one for the configuration.
/// </summary>
public static class PasswordHashing
{
    private const string Prefix = "PBKDF2-SHA256";
    private const int Iterations = 100_000;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"{Prefix}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Prefix || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < 1000 or > 10_000_000)
            return false;
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool IsWellFormed(string stored) => stored.Split('$') is [Prefix, var i, var s, var h] && int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out _) && IsBase64(s) && IsBase64(h);

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);
}
