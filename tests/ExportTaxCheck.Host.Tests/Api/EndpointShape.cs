namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>A mapped endpoint as the generator sees it: its route, methods, caller and the query parameters its handler binds.</summary>
public sealed record EndpointShape(string Pattern, string Method, Caller Caller, IReadOnlyList<string> RouteParameters, IReadOnlyList<(string Name, Type Type)> Query,
    IReadOnlyList<string> PostHandlers, bool IsPage)
{
    public string Key => $"{Method} {Pattern}";

    public bool IsApi => !IsPage && !Pattern.StartsWith("/openapi/", StringComparison.Ordinal);
}
