using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Auth;

/// <summary>
/// Accepts <c>Authorization: ApiKey &lt;key&gt;</c> (what Elsa Studio sends) or <c>X-Api-Key: &lt;key&gt;</c>.
/// Keys are compared in constant time.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Request);
        if (presented is null)
            return Task.FromResult(AuthenticateResult.NoResult());

        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        foreach (var entry in keys.CurrentValue.ApiKeys)
        {
            if (entry.Key.Length == 0 || !CryptographicOperations.FixedTimeEquals(presentedBytes, Encoding.UTF8.GetBytes(entry.Key)))
                continue;
            var claims = new List<Claim> { new(ClaimTypes.Name, entry.Name), new(ClaimTypes.NameIdentifier, "apikey:" + entry.Name) };
            claims.AddRange(entry.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
            if (!string.IsNullOrWhiteSpace(entry.Enterprise))
                claims.Add(new Claim(Roles.EnterpriseClaim, entry.Enterprise));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }

        return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "ApiKey";
        await Results.Problem(statusCode: 401, title: "Unauthorized", detail: "Send an API key: 'Authorization: ApiKey <key>' or 'X-Api-Key: <key>'.")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: "This API key may not use this endpoint.").ExecuteAsync(Context);
    }

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var header) && !string.IsNullOrWhiteSpace(header))
            return header.ToString().Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) ? authorization["ApiKey ".Length..].Trim() : null;
    }
}
