using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Auth;

/// <summary>
/// Accepts <c>Authorization: ApiKey &lt;key&gt;</c> (what Elsa Studio sends) or <c>X-Api-Key: &lt;key&gt;</c>: a configured
/// key, or the per-user token of an analyst's Studio (<see cref="StudioTokens"/>). Keys are compared as SHA-256 digests in
/// constant time, so neither the comparison's time nor an early return on a length difference tells how long a key is.
/// A failed key counts against the caller's address (<see cref="ApiKeyThrottle"/>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> keys,
    StudioTokens studioTokens,
    SessionValidator sessions,
    ApiKeyThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Request);
        if (presented is null)
            return AuthenticateResult.NoResult();

        var principal = StudioTokens.IsToken(presented) ? await StudioUserAsync(presented) : ConfiguredKey(presented);
        if (principal is not null)
            return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
        throttle.RecordFailure(Context);
        return AuthenticateResult.Fail("The API key is not valid.");
    }

    private ClaimsPrincipal? ConfiguredKey(string presented)
    {
        var digest = Digest(presented);
        ApiKeyEntry? match = null;
        // Every configured key is compared, so the time does not tell at which one the search stopped.
        foreach (var entry in keys.CurrentValue.ApiKeys)
        {
            if (entry.Key.Length > 0 && CryptographicOperations.FixedTimeEquals(digest, ConfiguredDigests.GetOrAdd(entry.Key, Digest)) && match is null)
                match = entry;
        }
        if (match is null)
            return null;
        var claims = new List<Claim> { new(ClaimTypes.Name, match.Name), new(ClaimTypes.NameIdentifier, "apikey:" + match.Name) };
        claims.AddRange(match.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (!string.IsNullOrWhiteSpace(match.Enterprise))
            claims.Add(new Claim(Roles.EnterpriseClaim, match.Enterprise));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }

    /// <summary>The analyst a Studio token was issued to, with the roles they hold now, while their session stands.</summary>
    private async Task<ClaimsPrincipal?> StudioUserAsync(string presented)
    {
        if (studioTokens.Read(presented) is not var (userName, stamp))
            return null;
        var user = await sessions.CurrentAsync(userName, stamp, Context.RequestAborted);
        return user is null ? null : new ClaimsPrincipal(new ClaimsIdentity(OfficerAuthentication.Principal(user).Claims, SchemeName));
    }

    // The digests of the configured keys, made once per key rather than once per key per request (a handler lives for one
    // request). Keyed by the configured text, so a reloaded configuration's keys get theirs.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> ConfiguredDigests = new(StringComparer.Ordinal);

    /// <summary>A fixed-length digest of a key: equal digests mean equal keys, and every comparison takes the same time.</summary>
    public static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

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

    public static bool HasKey(HttpRequest request) => ReadKey(request) is not null;

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var header) && !string.IsNullOrWhiteSpace(header))
            return header.ToString().Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) ? authorization["ApiKey ".Length..].Trim() : null;
    }
}
