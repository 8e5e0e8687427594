using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Users;

/// <summary>The officers of the workspace: sign-in with lockout, the security stamps that end sessions, lookups for assignment.</summary>
public sealed class OfficerDirectory(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(5);

    /// <summary>The one answer to every refused sign-in: it does not tell which user names exist or which are locked.</summary>
    public const string RefusedMessage = "The user name or password is wrong, or the account is locked for a few minutes after repeated failures.";

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
            var roles = string.Join(',', user.Roles);
            // Other roles, another password or a disabled account end the sessions issued before.
            if (record.Roles != roles || record.PasswordHash != user.PasswordHash || record.Enabled != user.Enabled || record.SecurityStamp.Length == 0)
                record.SecurityStamp = UserRecord.NewSecurityStamp();
            record.DisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName : user.DisplayName;
            record.Email = user.Email;
            record.Roles = roles;
            record.PasswordHash = user.PasswordHash;
            record.Enabled = user.Enabled;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Checks a password. Each attempt first takes one of the account's five tries in a single update, so parallel guesses
    /// cannot all be checked before the lock: at most five passwords are checked per lockout period. The fifth failure locks
    /// the account for five minutes. Every refusal answers <see cref="RefusedMessage"/> after the same hashing work.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken ct)
    {
        var name = userName.Trim();
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claimed = await db.Users
            .Where(u => u.UserName == name && u.Enabled && (u.LockedUntil == null || u.LockedUntil <= now) && u.FailedSignIns < MaxFailedSignIns)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), ct);
        if (claimed == 0)
        {
            var known = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name, ct);
            // The same time as a real check, so timing does not tell which refusal this is.
            PasswordHashing.Verify(password, DummyHash);
            return Refused(known is null ? SignInRefusal.UnknownUser : !known.Enabled ? SignInRefusal.Disabled : SignInRefusal.Locked);
        }

        var user = await db.Users.AsNoTracking().FirstAsync(u => u.UserName == name, ct);
        if (!PasswordHashing.Verify(password, user.PasswordHash))
        {
            // The attempt that used the last try locks the account and starts a new count for after the lock.
            await db.Users.Where(u => u.UserName == name && u.FailedSignIns >= MaxFailedSignIns)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, now + LockoutPeriod).SetProperty(u => u.FailedSignIns, 0), ct);
            return Refused(SignInRefusal.WrongPassword);
        }

        await db.Users.Where(u => u.UserName == name)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null).SetProperty(u => u.LastSignInAt, now), ct);
        return new(user, null);
    }

    /// <summary>Ends every session of the user (sign-out): cookies and Studio tokens issued before carry the old stamp.</summary>
    public async Task RevokeSessionsAsync(string userName, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stamp = UserRecord.NewSecurityStamp();
        await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp), ct);
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

    private static SignInResult Refused(SignInRefusal refusal) => new(null, RefusedMessage, refusal);
}
