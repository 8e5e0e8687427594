using System.Security.Claims;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

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

    public static AuthenticationBuilder AddOfficerAuthentication(this IServiceCollection services)
    {
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
                // Strict: no other site can make the browser send it, which closes cross-site request forgery on the API.
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => ApiAnswer(context, StatusCodes.Status401Unauthorized,
                    "Sign in at /signin, or send an API key: 'Authorization: ApiKey <key>'.");
                options.Events.OnRedirectToAccessDenied = context => ApiAnswer(context, StatusCodes.Status403Forbidden, "Your roles do not allow this.");
            });
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
