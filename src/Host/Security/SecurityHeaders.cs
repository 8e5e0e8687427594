using Microsoft.Net.Http.Headers;

namespace ExportTaxCheck.Host.Security;

/// <summary>
/// Headers on every answer, pages, API and files alike (so a new endpoint has them without asking): the
/// <see cref="ContentSecurityPolicy"/> of its endpoint, <c>nosniff</c> (an upload is never read as HTML), no referrer, no
/// framing for old browsers; answers of endpoints (pages, API, downloads, Studio's settings) are not stored by any cache
/// because they carry a user's data or credential. Static files keep their caching.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var endpoint = context.GetEndpoint();
            var policy = endpoint?.Metadata.GetMetadata<ContentSecurityPolicy>() ?? ContentSecurityPolicy.Default;
            headers[HeaderNames.ContentSecurityPolicy] = policy.Value;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = policy.FramedBySameOrigin ? "SAMEORIGIN" : "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (endpoint is not null || context.Response.StatusCode >= 400)
                headers[HeaderNames.CacheControl] = "no-store";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
