using ExportTaxCheck.Engine.Users;

namespace ExportTaxCheck.Host.Auth;

/// <summary>The officers configured under <c>Auth:Users</c>, seeded into the Users table at start.</summary>
public sealed class UsersOptions
{
    public const string Section = "Auth";

    public List<ConfiguredUser> Users { get; set; } = [];
}
