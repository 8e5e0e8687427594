using System.Globalization;
using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host.Auth;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Security;

/// <summary>
/// In Production the Host refuses to start with the development secrets that ship in appsettings.json and the README: a
/// key containing <c>change-me</c>, or an officer whose password is one of the README's demo passwords. The message
/// names each setting to change.
/// </summary>
public sealed class ProductionSecrets : IValidateOptions<ApiKeyOptions>, IValidateOptions<UsersOptions>
{
    /// <summary>The passwords the README gives the demo officers.</summary>
    public static readonly IReadOnlyList<string> DemoPasswords = ["tax-demo-2026", "tax2-demo-2026", "customs-demo-2026", "supervisor-demo-2026", "analyst-demo-2026"];

    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var problems = options.ApiKeys
            .Select((entry, i) => (entry, i))
            .Where(k => k.entry.Key.Contains("change-me", StringComparison.OrdinalIgnoreCase))
            .Select(k => string.Create(CultureInfo.InvariantCulture,
                $"Auth:ApiKeys:{k.i}:Key ('{k.entry.Name}') is a development key ending in 'change-me'; configure a real key (at least 16 random characters) before running in Production."))
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public ValidateOptionsResult Validate(string? name, UsersOptions options)
    {
        var problems = options.Users
            .Select((user, i) => (user, i))
            .Where(u => DemoPasswords.Any(p => PasswordHashing.Verify(p, u.user.PasswordHash)))
            .Select(u => string.Create(CultureInfo.InvariantCulture,
                $"Auth:Users:{u.i}:PasswordHash ('{u.user.UserName}') is the hash of a demo password from the README; make a new one with 'dotnet run --project src/Host -- hash-password' before running in Production."))
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
