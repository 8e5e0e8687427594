namespace ExportTaxCheck.Engine.Users;

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
