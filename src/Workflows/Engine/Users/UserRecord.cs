namespace ExportTaxCheck.Engine.Users;

/// <summary>An officer who signs in to the workspace, with the roles configuration gives them (<see cref="ConfiguredUser"/>).</summary>
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

    /// <summary>
    /// Changes when the user signs out, is disabled or gets other roles or another password: a session (cookie or Studio
    /// token) carries the stamp it was issued with and ends when they differ.
    /// </summary>
    public string SecurityStamp { get; set; } = NewSecurityStamp();

    public static string NewSecurityStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public IReadOnlyList<string> RoleList() => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
