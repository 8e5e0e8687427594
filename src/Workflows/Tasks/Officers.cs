using System.Security.Cryptography;
using System.Text;
using ExportTaxCheck.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Workflows.Tasks;

/// <summary>An officer who signs in to the workspace. Roles are TaxOfficer, CustomsOfficer, Supervisor or Analyst.</summary>
public sealed class UserRecord
{
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }

    /// <summary>Comma-separated roles.</summary>
    public required string Roles { get; set; }

    /// <summary>See <see cref="PasswordHashing"/>.</summary>
    public required string PasswordHash { get; set; }

    public bool Enabled { get; set; } = true;
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }

    public IReadOnlyList<string> RoleList() => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

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
        if (parts.Length != 4 || parts[0] != Prefix || !int.TryParse(parts[1], out var iterations) || iterations is < 1000 or > 10_000_000)
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

    public static bool IsWellFormed(string stored) => stored.Split('$') is [Prefix, var i, var s, var h] && int.TryParse(i, out _) && IsBase64(s) && IsBase64(h);

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);
}

/// <summary>A configured officer, seeded into the Users table at start (the configuration wins over the table).</summary>
public sealed class ConfiguredUser
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Email { get; set; }
    public List<string> Roles { get; set; } = [];
    public string PasswordHash { get; set; } = "";
    public bool Enabled { get; set; } = true;
}

public sealed record SignInResult(UserRecord? User, string? Problem);

/// <summary>The officers of the workspace: sign-in with lockout, lookups for assignment.</summary>
public sealed class OfficerDirectory(IDbContextFactory<ExportTaxCheckDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(5);
    private static readonly string DummyHash = PasswordHashing.Hash(Guid.NewGuid().ToString());

    public async Task SeedAsync(IEnumerable<ConfiguredUser> users, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var user in users.Where(u => u.UserName.Length > 0))
        {
            if (!PasswordHashing.IsWellFormed(user.PasswordHash))
                throw new InvalidOperationException($"User '{user.UserName}' has no valid password hash; make one with 'dotnet run --project src/Host -- hash-password'.");
            var record = await db.Users.FindAsync([user.UserName], ct);
            if (record is null)
            {
                record = new UserRecord { UserName = user.UserName, DisplayName = "", Roles = "", PasswordHash = "" };
                db.Users.Add(record);
            }
            record.DisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName : user.DisplayName;
            record.Email = user.Email;
            record.Roles = string.Join(',', user.Roles);
            record.PasswordHash = user.PasswordHash;
            record.Enabled = user.Enabled;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Checks a password; five failures in a row lock the account for five minutes.</summary>
    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken ct)
    {
        const string wrong = "The user name or password is wrong.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName.Trim(), ct);
        if (user is null)
        {
            // Spend the same time as a real check, so timing does not tell which user names exist.
            PasswordHashing.Verify(password, DummyHash);
            return new(null, wrong);
        }
        var now = clock.GetUtcNow();
        if (!user.Enabled)
            return new(null, "This account is disabled.");
        if (user.LockedUntil is { } locked && locked > now)
            return new(null, $"Too many failed sign-ins; try again after {locked.ToOffset(TimeSpan.FromHours(8)):HH:mm} (UTC+8).");
        if (!PasswordHashing.Verify(password, user.PasswordHash))
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= MaxFailedSignIns)
            {
                user.LockedUntil = now + LockoutPeriod;
                user.FailedSignIns = 0;
            }
            await db.SaveChangesAsync(ct);
            return new(null, wrong);
        }
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.LastSignInAt = now;
        await db.SaveChangesAsync(ct);
        return new(user, null);
    }

    public async Task<UserRecord?> FindAsync(string userName, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName, ct);
    }

    /// <summary>Enabled users, optionally only those holding <paramref name="role"/>.</summary>
    public async Task<IReadOnlyList<UserRecord>> ListAsync(string? role, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => u.Enabled).OrderBy(u => u.UserName).ToListAsync(ct);
        return role is null ? users : users.Where(u => u.RoleList().Contains(role, StringComparer.Ordinal)).ToList();
    }
}
