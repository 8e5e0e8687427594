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

    public IReadOnlyList<string> RoleList() => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
