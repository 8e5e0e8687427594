using ExportTaxCheck.Host.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExportTaxCheck.Host.Security;

/// <summary>
/// Refuses a forged officer action: a state-changing request that a browser may have sent on its own, with the sign-in
/// cookie, from a page the officer did not mean to act on. SameSite=Strict is not enough, since a page on another port of
/// the same host is the same site. Applies to every endpoint, so a new page or API command is covered without asking.
/// <list type="bullet">
/// <item>Reads (GET, HEAD, OPTIONS) pass, unless their endpoint is marked <see cref="ChangesState"/>.</item>
/// <item>Requests with an API key are left alone: a browser cannot add that header to another origin's request.</item>
/// <item>A browser says where a request comes from: <c>Sec-Fetch-Site</c> must be <c>same-origin</c>; without it, an
/// <c>Origin</c> must be this Host's. Anything else is a 403 before the endpoint runs, pages and API alike.</item>
/// <item>A cookie-authenticated API command sends JSON (<c>application/json</c>, which another origin cannot send without
/// the CORS consent this Host never gives), and a client that says nothing of its origin must send the antiforgery token
/// in the <c>RequestVerificationToken</c> header. Forms posted to pages carry the token Razor Pages checks.</item>
/// </list>
/// </summary>
public static class CrossSiteRequestGuard
{
    public const string Code = "CROSS_SITE_REQUEST";

    public static IApplicationBuilder UseCrossSiteRequestGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var safeMethod = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method);
        if ((safeMethod && context.GetEndpoint()?.Metadata.GetMetadata<ChangesState>() is null) || ApiKeyAuthenticationHandler.HasKey(request))
        {
            await next(context);
            return;
        }

        var origin = Origin(request);
        if (origin == RequestOrigin.Other)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "This request came from another site or port; it is refused.");
            return;
        }

        var isPage = context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null;
        var cookie = context.User.Identity is { IsAuthenticated: true, AuthenticationType: OfficerAuthentication.CookieScheme };
        if (!isPage && cookie)
        {
            if (HasBody(request) && !IsJson(request.ContentType))
            {
                await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                    "A signed-in browser sends commands as application/json.");
                return;
            }
            if (origin == RequestOrigin.Unknown && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                    "A request with the sign-in cookie that does not say where it comes from needs the antiforgery token in the RequestVerificationToken header.");
                return;
            }
        }
        await next(context);
    });

    private enum RequestOrigin
    {
        Same,
        Other,
        Unknown,
    }

    private static RequestOrigin Origin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
            return string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase) ? RequestOrigin.Same : RequestOrigin.Other;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return RequestOrigin.Unknown;
        return string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase) ? RequestOrigin.Same : RequestOrigin.Other;
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 || request.ContentType is not null;

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = status == StatusCodes.Status415UnsupportedMediaType ? "UNSUPPORTED_MEDIA_TYPE" : Code;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
