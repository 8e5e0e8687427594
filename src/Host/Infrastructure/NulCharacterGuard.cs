using ExportTaxCheck.Host.Api;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>
/// Refuses a NUL character (%00) in the query string, or in the form posted to an officer page, before any endpoint or
/// page runs: PostgreSQL takes no NUL in a text value, so a search term or a comment carrying one would fail deep in a
/// query, and no search box or form field has a use for it. JSON bodies are checked where they are read
/// (<see cref="RequestReading"/>); API bodies are never read as forms here, since clients such as curl send JSON with a
/// form content type.
/// </summary>
public static class NulCharacterGuard
{
    public static IApplicationBuilder UseNulCharacterGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true)
            throw Refused("query string");
        if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null && request.HasFormContentType
            && (await RequestReading.ReadFormAsync(request, context.RequestAborted)).Any(f => f.Key.Contains('\0', StringComparison.Ordinal)
                || f.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)))
            throw Refused("form");
        await next(context);
    });

    private static InvalidRequestException Refused(string where) =>
        new("NUL_CHARACTER", $"The {where} holds a NUL character (%00); text cannot contain it.");
}
