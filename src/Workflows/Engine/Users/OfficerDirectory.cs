using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Users;

/// <summary>The officers of the workspace: sign-in with lockout, lookups for assignment.</summary>
public sealed class OfficerDirectory(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider clock)
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
