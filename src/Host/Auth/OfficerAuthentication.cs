using System.Security.Claims;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Auth;

/// <summary>
/// Two ways in: officers sign in to the workspace with a cookie; exporters, analysts (Studio) and scripts send an API
/// key. The default scheme picks the key when a request carries one, the cookie otherwise.
/// </summary>
public static class OfficerAuthentication
{
    public const string Scheme = "ApiKeyOrCookie";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string DisplayNameClaim = "display_name";

    /// <summary>The user's security stamp when the session began (<see cref="UserRecord.SecurityStamp"/>).</summary>
    public const string StampClaim = "security_stamp";

    public static AuthenticationBuilder AddOfficerAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<StudioTokens>();
        services.AddSingleton<ApiKeyThrottle>();
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<OfficerSessionOptions>>((options, sessions) =>
            options.ExpireTimeSpan = sessions.Value.Lifetime);
        return services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or sign-in cookie", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey("X-Api-Key") || context.Request.Headers.Authorization.ToString().StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, options =>
            {
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/denied";
                options.Cookie.Name = "etc.officer";
                options.Cookie.HttpOnly = true;
                // Strict keeps other sites' pages from sending it; a page on another port of this host is the same site,
                // which CrossSiteRequestGuard refuses by its origin.
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // Absolute: the session ends Auth:Sessions:Lifetime after sign-in, however busy (it used to slide for ever).
                options.SlidingExpiration = false;
                options.Events.OnValidatePrincipal = ValidateSessionAsync;
                options.Events.OnRedirectToLogin = context => ApiAnswer(context, StatusCodes.Status401Unauthorized,
                    "Sign in at /signin, or send an API key: 'Authorization: ApiKey <key>'.");
                options.Events.OnRedirectToAccessDenied = context => ApiAnswer(context, StatusCodes.Status403Forbidden, "Your roles do not allow this.");
            });
    }

    /// <summary>
    /// Every request: the cookie's user must still exist, be enabled and carry the security stamp it signed in with, so a
    /// cookie copied before sign-out, a disabled officer's or one whose roles changed no longer works.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
        if (principal?.Identity?.Name is { } name && await sessions.CurrentAsync(name, principal.FindFirstValue(StampClaim), context.HttpContext.RequestAborted) is not null)
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieScheme);
    }

    /// <summary>API paths answer 401/403 ProblemDetails; pages redirect to the sign-in page.</summary>
    private static async Task ApiAnswer(RedirectContext<CookieAuthenticationOptions> context, int status, string detail)
    {
        if (!IsApi(context.Request))
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }
        context.Response.StatusCode = status;
        await Results.Problem(statusCode: status, title: status == 401 ? "Unauthorized" : "Forbidden", detail: detail).ExecuteAsync(context.HttpContext);
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || request.Path.StartsWithSegments("/elsa", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/customs", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/tax", StringComparison.OrdinalIgnoreCase);

    public static ClaimsPrincipal Principal(UserRecord user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.NameIdentifier, "user:" + user.UserName),
            new(DisplayNameClaim, user.DisplayName),
            new(StampClaim, user.SecurityStamp),
        };
        claims.AddRange(user.RoleList().Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme));
    }

    /// <summary>The task actor for a signed-in officer or an API key: its name and roles.</summary>
    public static TaskActor ToTaskActor(this ClaimsPrincipal user) => new(
        user.Identity?.Name ?? throw new InvalidOperationException("An authenticated principal has a name."),
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(DisplayNameClaim) ?? user.Identity?.Name ?? "";
}
