using System.Collections.Concurrent;
using ExportTaxCheck.Engine.Users;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Auth;

/// <summary>
/// Whether a session (sign-in cookie or Studio token) still stands: its user exists, is enabled and has the security
/// stamp the session was issued with. Read per request, from a short cache (<see cref="OfficerSessionOptions.RecheckAfter"/>).
/// </summary>
public sealed class SessionValidator(OfficerDirectory officers, TimeProvider clock, IOptions<OfficerSessionOptions> options)
{
    private readonly ConcurrentDictionary<string, (UserRecord? User, DateTimeOffset ReadAt)> _users = new(StringComparer.Ordinal);

    /// <summary>The user behind the session, or null when the session has ended.</summary>
    public async Task<UserRecord?> CurrentAsync(string userName, string? stamp, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!_users.TryGetValue(userName, out var entry) || now - entry.ReadAt >= options.Value.RecheckAfter || now < entry.ReadAt)
        {
            entry = (await officers.FindAsync(userName, ct), now);
            _users[userName] = entry;
        }
        return entry.User is { Enabled: true } user && stamp is not null && string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal)
            ? user
            : null;
    }

    /// <summary>After this node changed the user (sign-out), so the next request reads it again.</summary>
    public void Forget(string userName) => _users.TryRemove(userName, out _);
}
