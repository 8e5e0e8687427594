using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>Every endpoint the Host maps, with what the bad-input suite needs to know of it.</summary>
public static class EndpointCatalog
{
    /// <summary>Every route endpoint with its methods; Razor pages with their POST handlers (loaded through <see cref="PageLoader"/>).</summary>
    public static async Task<IReadOnlyList<EndpointShape>> EnumerateAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var shapes = new List<EndpointShape>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var routeParameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var caller = CallerOf(endpoint);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                var get = compiled.HandlerMethods.FirstOrDefault(h => h.HttpMethod == "Get" && h.Name is null);
                var query = get?.Parameters.Where(p => !routeParameters.Contains(p.Name) && Bindable(p.ParameterType)).Select(p => (p.Name, p.ParameterType)).ToList() ?? [];
                var handlers = compiled.HandlerMethods.Where(h => h.HttpMethod == "Post").Select(h => h.Name ?? "").ToList();
                shapes.Add(new EndpointShape(pattern, "GET", caller, routeParameters, query, handlers, IsPage: true));
                continue;
            }
            var parameters = endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
            // A header-bound parameter (the Idempotency-Key) is no query parameter; the idempotency probes cover it.
            var queryParameters = parameters.Where(p => p.Name is not null && !routeParameters.Contains(p.Name) && Bindable(p.ParameterType)
                    && p.GetCustomAttribute<FromHeaderAttribute>() is null)
                .Select(p => (p.Name!, p.ParameterType)).ToList();
            // An endpoint that answers HTML (the Studio page) is a page: its errors are pages too.
            var isPage = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.ContentTypes.Contains("text/html"));
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                shapes.Add(new EndpointShape(pattern, method, caller, routeParameters, queryParameters, [], isPage));
        }
        return shapes.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
    }

    private static bool Bindable(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(int) || t == typeof(bool) || t == typeof(DateTimeOffset) || t == typeof(Guid) || t == typeof(string[]);
    }

    private static Caller CallerOf(RouteEndpoint endpoint)
    {
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Count == 0 || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null && endpoint.Metadata.GetMetadata<PageActionDescriptor>() is null)
            return Caller.Anonymous;
        // A page restricted to the tax side's roles (the refund declarations) is probed from a signed-in tax officer's session.
        if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null
            && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Roles?.Contains(Auth.Roles.TaxOfficer, StringComparison.Ordinal) == true))
            return Caller.TaxPages;
        return policies[^1] switch
        {
            Extensions.ExporterPolicy or Extensions.CaseReaderPolicy => Caller.Exporter,
            Extensions.OfficerPolicy or Extensions.TaskWorkerPolicy or Extensions.TaskReaderPolicy => Caller.Customs,
            Extensions.SystemPolicy => Caller.System,
            Extensions.SupervisorPolicy => Caller.Supervisor,
            Extensions.OfficerPagesPolicy => Caller.OfficerPages,
            Extensions.StudioPolicy => Caller.AnalystPages,
            _ => Caller.Analyst,
        };
    }
}
